"""Staff accounts: the roles and what they may do, inviting centre staff from the
dashboard (account, e-mail in the chosen language, set-password link, first sign-in),
and staff resetting their own password through the shop's reset pages."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.sites.models import Site
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from wagtail.models import Page

from centres.models import DesignCentre
from outbox.models import MailState, OutgoingMail
from tests.committing import CommittingClient
from tests.factories import (
    TEST_PASSWORD,
    DesignCentreFactory,
    ProductFactory,
    UserFactory,
)
from tests.markup import visible_text
from users import roles
from users.models import User

pytestmark = pytest.mark.django_db

STAFF_LIST = "/vi/shop/dashboard/staff/"
NEW_PASSWORD = "men-lam-bat-trang-1450"


class BrokenMailServer(BaseEmailBackend):
    """An SMTP server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server down")


@pytest.fixture
def manager_client():
    """A site manager's browser (a test's ``client`` stays signed out)."""
    manager = UserFactory(email="quan-ly@langnghe.example")
    roles.make_site_manager(manager)
    browser = CommittingClient()
    browser.force_login(manager)
    return browser


@pytest.fixture
def centre():
    return DesignCentreFactory(
        slug="bat-trang", name="Trung tâm Bát Tràng", name_en="Bát Tràng Centre"
    )


def invite(
    client, to_centre, email="lan@langnghe.example", language="vi", page="vi", **data
):
    """Send the invitation form (of the dashboard in ``page``'s language)."""
    follow = data.pop("follow", False)
    return client.post(
        f"/{page}/shop/dashboard/staff/invite/",
        {
            "email": email,
            "name": "Nguyễn Thị Lan",
            "centre": to_centre.pk,
            "language": language,
            **data,
        },
        follow=follow,
    )


def resend(client, data, **kwargs):
    return client.post("/en/shop/dashboard/staff/", data, **kwargs)


def origin() -> str:
    return f"{settings.OSCAR_URL_SCHEMA}://{Site.objects.get_current().domain}"


def link_in(message) -> str:
    """The set-password path of an e-mail, the same in its text and HTML parts."""
    html = message.alternatives[0][0]
    found = re.search(
        re.escape(origin()) + r"(/(?:vi|en)/shop/password-reset/confirm/\S+/)",
        message.body,
    )
    assert found, message.body
    assert found.group(0) in html
    return found.group(1)


def choose_password(client, path: str, password: str = NEW_PASSWORD):
    """Follow an e-mailed link and choose ``password``, as the person would."""
    form_page = client.get(path, follow=True)
    assert form_page.context["validlink"], "the link was refused"
    return client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": password, "new_password2": password},
    )


def dashboard_sign_in(client, email: str, password: str, language: str = "vi"):
    return client.post(
        f"/{language}/shop/dashboard/login/", {"username": email, "password": password}
    )


# Roles -----------------------------------------------------------------------


def test_site_managers_group_holds_shop_content_and_wagtail_rights():
    manager = UserFactory()

    roles.make_site_manager(manager)

    manager = User.objects.get(pk=manager.pk)
    assert manager.is_staff and not manager.is_superuser
    assert manager.groups.filter(name=roles.SITE_MANAGERS).exists()
    for permission in (
        "wagtailadmin.access_admin",
        "catalogue.change_product",
        "partner.change_stockrecord",
        "order.change_order",
        "centres.change_designcentre",
        "centres.add_maker",
    ):
        assert manager.has_perm(permission), permission
    assert not manager.has_perm("users.delete_user")
    page = Page.get_first_root_node().add_child(instance=Page(title="Thử", slug="thu"))
    rights = page.permissions_for_user(manager)
    assert rights.can_edit() and rights.can_publish() and rights.can_add_subpage()


def test_centre_staff_reach_the_dashboard_for_their_own_centre_only(centre):
    person = UserFactory()

    roles.add_centre_staff(person, centre)

    person = User.objects.get(pk=person.pk)
    assert not person.is_staff
    assert person.has_perm("partner.dashboard_access")
    assert list(DesignCentre.objects.of_staff(person)) == [centre]
    assert (
        Group.objects.get(name=roles.CENTRE_STAFF)
        .permissions.filter(codename="dashboard_access")
        .exists()
    )


def test_only_site_managers_open_the_staff_pages(client, centre):
    person = UserFactory()
    roles.add_centre_staff(person, centre)
    client.force_login(person)

    for page in (STAFF_LIST, f"{STAFF_LIST}invite/"):
        assert client.get(page).status_code == 403, page
    invited = invite(client, centre, email="x@langnghe.example")

    assert invited.status_code == 403
    assert not User.objects.filter(email="x@langnghe.example").exists()
    client.logout()
    assert "/dashboard/login/" in client.get(STAFF_LIST).url


# Inviting ----------------------------------------------------------------------


def test_invitation_makes_staff_without_a_password_and_mails_a_link_in_vietnamese(
    manager_client, centre
):
    response = invite(manager_client, centre)

    assert response.status_code == 302
    assert response.url == STAFF_LIST
    person = User.objects.get(email="lan@langnghe.example")
    assert not person.has_usable_password()
    assert not person.is_staff
    assert person.get_full_name() == "Nguyễn Thị Lan"
    assert list(DesignCentre.objects.of_staff(person)) == [centre]
    assert person.groups.filter(name=roles.CENTRE_STAFF).exists()
    (message,) = mail.outbox
    assert message.to == ["lan@langnghe.example"]
    assert message.subject == (
        "Tài khoản nhân viên của bạn tại Làng Nghề Hà Nội: hãy chọn mật khẩu"
    )
    assert "Xin chào Nguyễn Thị Lan," in message.body
    assert "Trung tâm Bát Tràng" in message.body
    assert f"{origin()}/vi/shop/dashboard/login/" in message.body
    assert link_in(message).startswith("/vi/")
    assert message.alternatives[0][1] == "text/html"


def test_invitation_in_english_is_written_in_english(manager_client, centre):
    invite(manager_client, centre, language="en")

    (message,) = mail.outbox
    assert message.subject == (
        "Your staff account at Làng Nghề Hà Nội: choose your password"
    )
    assert "Hello Nguyễn Thị Lan," in message.body
    assert "Bát Tràng Centre" in message.body
    assert f"{origin()}/en/shop/dashboard/login/" in message.body
    assert link_in(message).startswith("/en/")


def test_invited_person_chooses_a_password_and_reaches_their_centres_dashboard(
    manager_client, client, centre
):
    ProductFactory(centre=centre, title="Bình men lam của trung tâm")
    ProductFactory(title="Sản phẩm của trung tâm khác")
    invite(manager_client, centre)

    done = choose_password(client, link_in(mail.outbox[0]))
    signed_in = dashboard_sign_in(client, "lan@langnghe.example", NEW_PASSWORD)

    assert done.status_code == 302 and "complete" in done.url
    assert signed_in.status_code == 302
    assert signed_in.url == "/vi/shop/dashboard/"
    assert client.get("/vi/shop/dashboard/", follow=True).status_code == 200
    products = client.get("/vi/shop/dashboard/catalogue/")
    assert products.status_code == 200
    assert "Bình men lam của trung tâm" in visible_text(products.content)
    assert "Sản phẩm của trung tâm khác" not in visible_text(products.content)
    assert client.get("/vi/shop/dashboard/orders/").status_code == 200


def test_the_link_works_once(manager_client, client, centre):
    invite(manager_client, centre)
    path = link_in(mail.outbox[0])
    choose_password(client, path)

    again = client.get(path, follow=True)

    assert not again.context["validlink"]


def test_an_existing_buyer_is_made_staff_and_keeps_their_password(
    manager_client, centre
):
    buyer = UserFactory(email="khach@langnghe.example", first_name="Minh")

    invite(manager_client, centre, email="Khach@LangNghe.example", language="en")

    assert User.objects.filter(email__iexact="khach@langnghe.example").count() == 1
    buyer.refresh_from_db()
    assert buyer.check_password(TEST_PASSWORD)
    assert list(DesignCentre.objects.of_staff(buyer)) == [centre]
    assert "password of your existing account" in mail.outbox[0].body


@pytest.mark.parametrize(
    "who, expected",
    [
        ("staff of another centre", "is already staff of Phú Vinh Centre"),
        ("site manager", "belongs to a site manager"),
    ],
)
def test_an_address_that_cannot_join_the_centre_is_refused_with_the_reason(
    manager_client, centre, who, expected
):
    person = UserFactory(email="da-co@langnghe.example")
    if who == "site manager":
        roles.make_site_manager(person)
    else:
        roles.add_centre_staff(
            person, DesignCentreFactory(slug="phu-vinh", name_en="Phú Vinh Centre")
        )

    response = invite(manager_client, centre, email="da-co@langnghe.example", page="en")

    assert response.status_code == 200
    assert expected in visible_text(response.content)
    assert not person.partners.filter(pk=centre.partner.pk).exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    "data",
    [
        {"email": "khong-phai-email"},
        {"email": ""},
        {"name": ""},
        {"centre": "999999"},
        {"centre": "bat-trang"},
        {"language": "fr"},
    ],
    ids=["bad e-mail", "no e-mail", "no name", "no such centre", "junk", "language"],
)
def test_bad_input_shows_the_form_again_with_its_errors(manager_client, centre, data):
    before = User.objects.count()

    response = invite(manager_client, centre, **data)

    assert response.status_code == 200
    assert 'id="staff_invite_form"' in response.content.decode()
    assert response.context["form"].errors
    assert User.objects.count() == before
    assert mail.outbox == []


def test_a_mail_server_that_is_down_leaves_the_account_and_the_invitation_waits(
    manager_client, centre, settings
):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMailServer"

    response = invite(manager_client, centre, page="en", follow=True)

    assert response.status_code == 200
    assert User.objects.filter(email="lan@langnghe.example").exists()
    assert "invitation sent" in visible_text(response.content)
    waiting = OutgoingMail.objects.get(key__startswith="staff invitation")
    assert waiting.state == MailState.WAITING and waiting.attempts == 1
    assert "mail server down" in waiting.last_error
    assert mail.outbox == []


# The staff list and resending --------------------------------------------------


def test_staff_list_shows_each_centre_with_who_is_invited_and_who_is_active(
    manager_client, centre
):
    active = UserFactory(email="hoat-dong@langnghe.example", last_login=timezone.now())
    roles.add_centre_staff(active, centre)
    invite(manager_client, centre)

    response = manager_client.get("/en/shop/dashboard/staff/")

    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-centre="bat-trang"' in page
    assert re.search(r'data-staff="lan@langnghe.example" data-status="invited"', page)
    assert re.search(
        r'data-staff="hoat-dong@langnghe.example" data-status="active"', page
    )
    text = visible_text(page)
    assert "Invited, not signed in yet" in text and "Resend invitation" in text


def test_resending_sends_a_fresh_link_in_the_chosen_language(manager_client, centre):
    invite(manager_client, centre)
    person = User.objects.get(email="lan@langnghe.example")

    response = resend(
        manager_client, {"user": person.pk, "language": "en"}, follow=True
    )

    assert "Invitation sent again to lan@langnghe.example" in visible_text(
        response.content
    )
    first, second = mail.outbox
    assert first.subject.startswith("Tài khoản nhân viên")
    assert second.subject.startswith("Your staff account")
    assert link_in(second).startswith("/en/")


def test_resend_is_refused_for_someone_who_already_signs_in(manager_client, centre):
    person = UserFactory(email="hoat-dong@langnghe.example", last_login=timezone.now())
    roles.add_centre_staff(person, centre)

    for data in ({"user": person.pk, "language": "vi"}, {"user": "x"}, {}):
        response = resend(manager_client, data)
        assert response.status_code == 200, data

    assert mail.outbox == []
    assert "has already signed in" in visible_text(
        resend(manager_client, {"user": person.pk, "language": "vi"}).content
    )


# Resetting one's own password ----------------------------------------------------


def test_dashboard_sign_in_page_links_to_the_password_reset(client):
    for language in ("vi", "en"):
        page = client.get(f"/{language}/shop/dashboard/login/").content.decode()
        assert f'href="/{language}/shop/password-reset/"' in page


@pytest.mark.parametrize(
    "language, subject, sentence, button",
    [
        (
            "vi",
            "Đặt mật khẩu mới cho Làng Nghề Hà Nội",
            "Có người (có lẽ là bạn) vừa yêu cầu đặt mật khẩu mới",
            "Đặt mật khẩu mới",
        ),
        (
            "en",
            "Choose a new password for Làng Nghề Hà Nội",
            "Someone, probably you, asked to choose a new password",
            "Choose a new password",
        ),
    ],
)
def test_staff_reset_their_own_password_and_sign_in_with_the_new_one(
    client, centre, language, subject, sentence, button
):
    person = UserFactory(email="nhan-vien@langnghe.example")
    roles.add_centre_staff(person, centre)

    requested = CommittingClient().post(
        f"/{language}/shop/password-reset/", {"email": "nhan-vien@langnghe.example"}
    )
    (message,) = mail.outbox
    done = choose_password(client, link_in(message))
    old = dashboard_sign_in(client, person.email, TEST_PASSWORD, language)
    new = dashboard_sign_in(client, person.email, NEW_PASSWORD, language)

    assert requested.status_code == 302
    assert message.subject == subject
    assert sentence in message.body
    assert f'class="btn-primary">{button}</a>' in message.alternatives[0][0]
    assert link_in(message).startswith(f"/{language}/")
    assert done.status_code == 302
    assert old.status_code == 200
    assert new.status_code == 302 and new.url == f"/{language}/shop/dashboard/"
