"""The ten villages' heritage stories, in Vietnamese and English.

Each says what our sources (the project's domain notes) say about the village
and nothing more, in our own words: where facts are few (Chuyên Mỹ, Tranh
Khúc, Thiết Úng) the story is short, and a timeline appears only where the
facts carry dates or periods. Each ends with where the village was in 2023 and
its centre's recognition by decision 717/QĐ-SCT.
"""

from __future__ import annotations

from demo.stories_data import (
    Event,
    T,
    VillageStory,
    place_and_recognition,
    recognition_event,
)

VILLAGE_STORIES: list[VillageStory] = [
    VillageStory(
        "bat-trang",
        T("Bát Tràng: làng gốm từ thời Lý", "Bát Tràng: pottery since the Lý era"),
        T(
            "Nghề gốm đến Bát Tràng từ thời Lý, theo chân các dòng họ thợ gốm từ "
            "Bồ Bát (Ninh Bình). Trung tâm của làng là trung tâm đầu tiên trong "
            "mười trung tâm được gắn biển.",
            "Pottery reached Bát Tràng in the Lý era with potters' clans from "
            "Bồ Bát in Ninh Bình. The village's centre was the first of the ten "
            "to receive its plaque.",
        ),
        (
            T(
                "Các dòng họ thợ gốm rời Bồ Bát (Ninh Bình) và mang nghề về Bát "
                "Tràng vào thời Lý. Trong số thợ gốm của làng có Nghệ nhân Nhân dân "
                "Trần Độ, người được biết đến với việc khôi phục các loại men cổ.",
                "Potters' clans left Bồ Bát in Ninh Bình and brought their craft "
                "to Bát Tràng in the Lý era. Among the village's potters is People's "
                "Artisan (Nghệ nhân Nhân dân) Trần Độ, known for reviving old glazes.",
            ),
            T(
                "Sản phẩm OCOP của xưởng Quang Vinh có cả bộ đồ ăn đạt 5 sao. Cùng "
                "làng lụa Vạn Phúc, Bát Tràng thuộc mạng lưới thành phố thủ công "
                "sáng tạo của Hội đồng Thủ công Thế giới.",
                "The Quang Vinh workshop's OCOP-rated products include 5-star "
                "tableware. Together with the silk village of Vạn Phúc, Bát Tràng "
                "belongs to the World Crafts Council's network of creative craft "
                "cities.",
            ),
            place_and_recognition("bat-trang"),
            T(
                "Trung tâm ở Thôn 1 Bát Tràng, tên đầy đủ là “Trung tâm thiết kế sáng "
                "tạo, bảo tồn, phát triển gốm di sản quốc gia, thương mại và du lịch "
                "1.000 năm Thăng Long”. Ngày 23/3/2024, đây là trung tâm đầu tiên "
                "được công bố và gắn biển.",
                "The centre, at Thôn 1 Bát Tràng, bears the full name “Trung tâm "
                "thiết kế sáng tạo, bảo tồn, phát triển gốm di sản quốc gia, thương "
                "mại và du lịch 1.000 năm Thăng Long”. On 23 March 2024 it became the "
                "first of the ten centres to be announced and given its plaque.",
            ),
        ),
        (
            Event(
                T("Thời Lý", "Lý era"),
                T(
                    "Các dòng họ thợ gốm từ Bồ Bát (Ninh Bình) mang nghề về làng.",
                    "Potters' clans from Bồ Bát (Ninh Bình) bring the craft here.",
                ),
            ),
            recognition_event("bat-trang"),
            Event(
                T("23/3/2024", "23 Mar 2024"),
                T(
                    "Trung tâm đầu tiên trong mười trung tâm được công bố và gắn biển.",
                    "The first of the ten centres to be announced and get its plaque.",
                ),
            ),
        ),
    ),
    VillageStory(
        "ha-thai",
        T("Hạ Thái: sơn mài, lớp này chồng lớp khác", "Hạ Thái: lacquer, coat on coat"),
        T(
            "Hạ Thái làm sơn mài từ khoảng thế kỷ 17, và mỗi món đồ ở đây qua từ 10 "
            "đến 16 lớp sơn.",
            "Hạ Thái has made lacquerware since about the 17th century, and every "
            "piece here takes 10 to 16 coats.",
        ),
        (
            T(
                "Làng được công nhận là làng nghề năm 2001. Thợ Hạ Thái làm tranh, "
                "hộp, bát, bình và tấm ốp sơn mài.",
                "It was recognised as a craft village in 2001. Its makers produce "
                "lacquer paintings, boxes, bowls, vases and panels.",
            ),
            place_and_recognition("ha-thai"),
        ),
        (
            Event(
                T("Khoảng thế kỷ 17", "About the 17th century"),
                T(
                    "Làng làm sơn mài từ khoảng thời gian này.",
                    "The village has made lacquer since about this time.",
                ),
            ),
            Event(
                T("2001", "2001"),
                T(
                    "Hạ Thái được công nhận là làng nghề.",
                    "Hạ Thái is recognised as a craft village.",
                ),
            ),
            recognition_event("ha-thai"),
        ),
    ),
    VillageStory(
        "chuyen-my",
        T("Chuyên Mỹ: bảy thôn cùng nghề khảm", "Chuyên Mỹ: seven villages of inlay"),
        T(
            "Cả bảy thôn của xã Chuyên Mỹ đều làm khảm trai, nghề được ghi công cho "
            "Trương Công Thành, một vị tướng thời Lý ở thế kỷ 11.",
            "All seven villages of Chuyên Mỹ commune practise mother-of-pearl inlay, "
            "a craft credited to Trương Công Thành, an 11th-century Lý general.",
        ),
        (place_and_recognition("chuyen-my"),),
        (
            Event(
                T("Thế kỷ 11", "11th century"),
                T(
                    "Nghề khảm được ghi công cho Trương Công Thành, tướng thời Lý.",
                    "The inlay craft is credited to Trương Công Thành, a Lý general.",
                ),
            ),
            recognition_event("chuyen-my"),
        ),
    ),
    VillageStory(
        "phu-vinh",
        T("Phú Vinh: khoảng 400 năm đan mây tre", "Phú Vinh: 400 years of weaving"),
        T(
            "Phú Vinh đan mây tre đã khoảng 400 năm. Một món đồ đan năm 1712 của "
            "làng đang được giữ ở một bảo tàng mỹ thuật tại Huế.",
            "Phú Vinh has woven rattan and bamboo for about 400 years. A piece "
            "from 1712 is kept at the Huế Museum of Fine Arts.",
        ),
        (place_and_recognition("phu-vinh"),),
        (
            Event(
                T("1712", "1712"),
                T(
                    "Năm của một món đồ đan Phú Vinh, nay ở một bảo tàng mỹ thuật "
                    "tại Huế.",
                    "The date of a Phú Vinh piece now in the Huế Museum of Fine Arts.",
                ),
            ),
            recognition_event("phu-vinh"),
        ),
    ),
    VillageStory(
        "tranh-khuc",
        T("Tranh Khúc: làng bánh chưng", "Tranh Khúc: the bánh chưng village"),
        T(
            "Khoảng một trăm hộ ở Tranh Khúc gói bánh chưng quanh năm, và làm hơn "
            "một triệu chiếc bánh cho dịp Tết.",
            "About a hundred households in Tranh Khúc make bánh chưng all year "
            "round, and more than a million cakes for Tết.",
        ),
        (
            T(
                "Làng làm bánh chưng và bánh dày. Bánh là đồ tươi, chỉ để được ít "
                "ngày, nên cửa hàng chỉ giao bánh trong nước.",
                "The village makes bánh chưng and bánh dày. The cakes are fresh "
                "food that keeps only a short time, so the shop delivers them "
                "within Vietnam only.",
            ),
            place_and_recognition("tranh-khuc"),
        ),
    ),
    VillageStory(
        "son-dong",
        T("Sơn Đồng: tượng sơn son thếp vàng", "Sơn Đồng: statues in red and gold"),
        T(
            "Sơn Đồng tạc tượng và làm đồ thờ, hoàn thiện bằng sơn son và thếp vàng.",
            "Sơn Đồng carves statues and makes worship objects, finished in red "
            "lacquer and gilding.",
        ),
        (
            T(
                "Năm 2007, làng được ghi kỷ lục quốc gia là làng nghề lớn nhất thuộc "
                "loại này.",
                "In 2007 it set a national record as the largest village of its kind.",
            ),
            place_and_recognition("son-dong"),
        ),
        (
            Event(
                T("2007", "2007"),
                T(
                    "Kỷ lục quốc gia: làng nghề lớn nhất thuộc loại này.",
                    "National record as the largest village of its kind.",
                ),
            ),
            recognition_event("son-dong"),
        ),
    ),
    VillageStory(
        "thiet-ung",
        T("Thiết Úng: chạm gỗ mỹ nghệ", "Thiết Úng: fine wood carving"),
        T(
            "Thợ Thiết Úng chạm tượng, đồ nội thất, phù điêu và bình bằng gỗ quý.",
            "Thiết Úng's carvers make statues, furniture, reliefs and vases in "
            "fine wood.",
        ),
        (
            T(
                "Hàng chục sản phẩm gỗ của làng được xếp hạng OCOP 3 hoặc 4 sao. Hạng "
                "OCOP là của từng sản phẩm, không phải hạng sao của trung tâm.",
                "Dozens of the village's wood products hold 3★ or 4★ OCOP ratings. "
                "An OCOP rating belongs to a product, not to the centre's own "
                "star level.",
            ),
            place_and_recognition("thiet-ung"),
        ),
    ),
    VillageStory(
        "trach-xa",
        T("Trạch Xá: làng may áo dài", "Trạch Xá: the áo dài tailors' village"),
        T(
            "Nghề may áo dài Trạch Xá được ghi công cho một vị tổ nghề thế kỷ 10, và "
            "từ tháng 12/2024 là di sản văn hóa phi vật thể quốc gia.",
            "Trạch Xá's áo dài tailoring is credited to a 10th-century founder, and "
            "since December 2024 it has been national intangible cultural heritage.",
        ),
        (
            T(
                "Theo truyền thống, thợ may trong làng là đàn ông, và áo được may đo "
                "cho từng người. Từ năm 2020 làng có nhãn hiệu tập thể.",
                "Traditionally the village's tailors were men, and each garment was "
                "made to measure. The village has held a collective trademark since "
                "2020.",
            ),
            T(
                "Áo dài trong cửa hàng demo này là hàng may sẵn theo cỡ S đến XL.",
                "The áo dài in this demo shop are ready-made, in sizes S to XL.",
            ),
            place_and_recognition("trach-xa"),
        ),
        (
            Event(
                T("Thế kỷ 10", "10th century"),
                T(
                    "Thời của vị tổ nghề được ghi công mở nghề may của làng.",
                    "The time of the founder credited with the village's craft.",
                ),
            ),
            Event(
                T("2020", "2020"),
                T("Làng có nhãn hiệu tập thể.", "A collective trademark."),
            ),
            recognition_event("trach-xa"),
            Event(
                T("12/2024", "Dec 2024"),
                T(
                    "Nghề may của làng thành di sản văn hóa phi vật thể quốc gia.",
                    "The craft becomes national intangible cultural heritage.",
                ),
            ),
        ),
    ),
    VillageStory(
        "van-phuc",
        T("Vạn Phúc: nghìn năm dệt lụa", "Vạn Phúc: a thousand years of silk"),
        T(
            "Vạn Phúc dệt lụa đã khoảng một nghìn năm, với nhiều loại vải: gấm, vóc, "
            "the, lĩnh, sa, đũi.",
            "Vạn Phúc has woven silk for about a thousand years, in many kinds of "
            "fabric: gấm, vóc, the, lĩnh, sa and đũi.",
        ),
        (
            T(
                "Một số sản phẩm lụa của làng đạt OCOP 3 sao và 4 sao. Cùng làng gốm "
                "Bát Tràng, Vạn Phúc thuộc mạng lưới thành phố thủ công sáng tạo của "
                "Hội đồng Thủ công Thế giới.",
                "Some of its silk products hold 3★ and 4★ OCOP ratings. With the "
                "pottery village of Bát Tràng, Vạn Phúc belongs to the World Crafts "
                "Council's network of creative craft cities.",
            ),
            place_and_recognition("van-phuc"),
        ),
    ),
    VillageStory(
        "kim-lan",
        T("Kim Lan: gốm từ thế kỷ 7", "Kim Lan: pottery since the 7th century"),
        T(
            "Các cuộc khai quật năm 2001 và 2003 cho thấy gốm được làm ở Kim Lan từ "
            "thế kỷ 7 đến thế kỷ 18.",
            "Excavations in 2001 and 2003 showed that pottery was made at Kim Lan "
            "from the 7th to the 18th century.",
        ),
        (
            T(
                "Như vậy gốm Kim Lan trải hơn một nghìn năm, và các nguồn của chúng "
                "tôi nhắc đến hàng trăm lò nung của làng. Năm 2023, làng cùng huyện "
                "Gia Lâm với Bát Tràng.",
                "So Kim Lan's pottery spans more than a thousand years, and our "
                "sources speak of the village's hundreds of kilns. In 2023 it was in "
                "the same district, Gia Lâm, as Bát Tràng.",
            ),
            place_and_recognition("kim-lan"),
        ),
        (
            Event(
                T("Thế kỷ 7 – thế kỷ 18", "7th–18th century"),
                T(
                    "Gốm được làm ở Kim Lan, theo kết quả khai quật.",
                    "Pottery is made at Kim Lan, as the excavations show.",
                ),
            ),
            Event(T("2001", "2001"), T("Một cuộc khai quật.", "An excavation.")),
            Event(
                T("2003", "2003"),
                T("Một cuộc khai quật nữa.", "A further excavation."),
            ),
            recognition_event("kim-lan"),
        ),
    ),
]
