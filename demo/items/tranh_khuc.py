"""Demo products of the Tranh Khúc centre: fresh cakes that keep only a few days."""

from __future__ import annotations

from demo.catalogue_data import Item

CHUNG = (
    "Gạo nếp, đậu xanh, thịt lợn, lá dong",
    "Glutinous rice, mung beans, pork, dong leaves",
)
FRESH = "Bánh tươi, chỉ giao trong nước."
FRESH_EN = "Fresh food: ships within Vietnam only."

ITEMS: list[Item] = [
    Item(
        "Bánh chưng cỡ vừa",
        "Bánh chưng, medium",
        f"Bánh chưng vuông gói tay, luộc chín. {FRESH}",
        f"A square bánh chưng, wrapped by hand and boiled. {FRESH_EN}",
        *CHUNG,
        "15 × 15 × 5 cm",
        70000,
        stock=30,
        attributes={"shelf_life_days": 4},
        ocop=("DEMO-OCOP-2024-003", 3, 2024),
    ),
    Item(
        "Bánh chưng nhỏ (cặp hai chiếc)",
        "Small bánh chưng, pair",
        f"Hai chiếc bánh chưng nhỏ, vừa một bữa. {FRESH}",
        f"Two small bánh chưng, enough for one meal. {FRESH_EN}",
        *CHUNG,
        "10 × 10 × 4 cm",
        90000,
        stock=25,
        attributes={"shelf_life_days": 4},
    ),
    Item(
        "Bánh dày (hộp mười chiếc)",
        "Bánh dày, box of ten",
        f"Mười chiếc bánh dày nếp dẻo, gói lá chuối. {FRESH}",
        f"Ten soft glutinous-rice bánh dày in banana leaf. {FRESH_EN}",
        "Gạo nếp, lá chuối",
        "Glutinous rice, banana leaf",
        "Ø 8 cm",
        60000,
        stock=20,
        attributes={"shelf_life_days": 2},
    ),
    Item(
        "Bánh dày kẹp giò (năm chiếc)",
        "Bánh dày with pork roll, five",
        f"Năm chiếc bánh dày kẹp giò lụa. {FRESH}",
        f"Five bánh dày, each with a slice of pork roll (giò lụa). {FRESH_EN}",
        "Gạo nếp, giò lụa",
        "Glutinous rice, pork roll",
        "Ø 8 cm",
        100000,
        stock=15,
        attributes={"shelf_life_days": 2},
    ),
    Item(
        "Bánh chưng cỡ lớn",
        "Bánh chưng, large",
        f"Bánh chưng lớn cho cả gia đình. {FRESH}",
        f"A large bánh chưng for the whole family. {FRESH_EN}",
        *CHUNG,
        "20 × 20 × 6 cm",
        150000,
        stock=10,
        attributes={"shelf_life_days": 5},
    ),
    Item(
        "Bánh chưng gấc",
        "Gấc bánh chưng",
        f"Bánh chưng nếp trộn gấc, ruột đỏ. {FRESH}",
        f"Bánh chưng with rice coloured red by gấc fruit. {FRESH_EN}",
        "Gạo nếp, gấc, đậu xanh, thịt lợn, lá dong",
        "Glutinous rice, gấc fruit, mung beans, pork, dong leaves",
        "15 × 15 × 5 cm",
        90000,
        stock=0,
        attributes={"shelf_life_days": 4},
    ),
]
