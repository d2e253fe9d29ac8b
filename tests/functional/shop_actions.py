"""What a person does in the shop, as Playwright (async) actions on a page.

Each action ends on the page it leads to and returns that page's response, so a
caller can check the status. Form fields are found by the ids Oscar and our
templates give them; a change to a form changes one function here.
"""

from __future__ import annotations

from playwright.async_api import Page, Response

ADD_TO_BASKET = 'main form[action*="/basket/add/"] [type="submit"]'


async def press(page: Page, button: str) -> Response | None:
    """Press a form's button and wait for the page it leads to."""
    async with page.expect_navigation() as navigation:
        await page.locator(button).first.click()
    return await navigation.value


async def sign_in(page: Page, base: str, language: str, email: str, password: str):
    await page.goto(f"{base}/{language}/shop/accounts/login/")
    await page.fill("#id_login-username", email)
    await page.fill("#id_login-password", password)
    return await press(page, "main form:has(#id_login-username) [type=submit]")


async def register(page: Page, base: str, language: str, email: str, password: str):
    await page.goto(f"{base}/{language}/shop/accounts/register/")
    await page.fill("#id_email", email)
    await page.fill("#id_password1", password)
    await page.fill("#id_password2", password)
    return await press(page, "main form:has(#id_email) [type=submit]")


async def add_first_product(page: Page, storefront_url: str) -> Response | None:
    """Put the first product a storefront sells into the basket."""
    await page.goto(storefront_url)
    return await press(page, ADD_TO_BASKET)


async def fill_basket(page: Page, base: str, language: str) -> Response | None:
    """One product of Bát Tràng and one of Phú Vinh: two centres, two parcels."""
    centres = "trung-tam" if language == "vi" else "centres"
    await add_first_product(page, f"{base}/{language}/{centres}/bat-trang/")
    return await add_first_product(page, f"{base}/{language}/{centres}/phu-vinh/")


async def checkout_as_guest(page: Page, email: str) -> Response | None:
    """The checkout's first step: an e-mail address, no account."""
    await page.fill("#id_username", email)
    await page.check('input[name="options"][value="anonymous"]')
    return await press(page, 'main form:has(#id_username) [type="submit"]')


async def give_hanoi_address(page: Page) -> Response | None:
    await page.fill("#id_first_name", "Nguyễn Thị Lan")
    await page.fill("#id_phone_number", "0987 654 321")
    await page.select_option("#id_country", "VN")
    await page.select_option("#id_province", "Thành phố Hà Nội")
    await page.fill("#id_line3", "Phường Hoàn Kiếm")
    await page.fill("#id_line1", "12 Hàng Bạc")
    return await press(page, "#new_shipping_address [type=submit]")


async def deliver_each_parcel(page: Page) -> Response | None:
    parcels = page.locator("section.parcel")
    for index in range(await parcels.count()):
        await parcels.nth(index).locator('input[value="domestic"]').check()
    return await press(page, "main form [type=submit]")


async def pay_by(page: Page, method: str) -> Response | None:
    await page.check(f'input[name="method"][value="{method}"]')
    return await press(page, "main form [type=submit]")


async def place_order(page: Page) -> Response | None:
    return await press(page, "#place-order")
