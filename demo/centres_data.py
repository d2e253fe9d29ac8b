"""The ten recognised centres, as far as our sources go, and one fictional maker each.

Only facts from the project's domain notes appear here: the villages, their
crafts, the 2023 communes and districts, decision 717/QĐ-SCT, and the two star
levels we have a source for. Everything else (current addresses, most star
levels, opening hours, phone numbers, map positions, the other centres'
official names) is unknown and left empty. Descriptions are our own wording.
The makers are made up for the demo and say so.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

RECOGNITION_DECISION = "717/QĐ-SCT"
RECOGNITION_DATE = datetime.date(2023, 12, 28)

BAT_TRANG_OFFICIAL_NAME = (
    "Trung tâm thiết kế sáng tạo, bảo tồn, phát triển gốm di sản quốc gia, "
    "thương mại và du lịch 1.000 năm Thăng Long"
)

# The star levels' sources as a reader names them. Our notes know the report of
# Bát Tràng's recognition only as a news report, not its title or address.
BAT_TRANG_STAR_SOURCE = "Bài báo đưa tin về quyết định công nhận"
BAT_TRANG_STAR_SOURCE_EN = "A news report of the recognition"
PHU_VINH_STAR_SOURCE = "Bài đưa tin của baomoi.com về buổi trao giấy chứng nhận"
PHU_VINH_STAR_SOURCE_EN = "baomoi.com's report of the certificate hand-over"


@dataclass(frozen=True)
class CentreData:
    slug: str
    name: str
    name_en: str
    village: str
    craft: str
    craft_en: str
    craft_code: str
    product_class: str
    historical_commune: str
    historical_district: str
    description: str
    description_en: str
    maker_name: str
    historical_address_detail: str = ""
    official_name: str = ""
    star_level: int | None = None
    star_level_source: str = ""
    star_level_source_en: str = ""


CENTRES: list[CentreData] = [
    CentreData(
        slug="bat-trang",
        name="Trung tâm Bát Tràng",
        name_en="Bát Tràng centre",
        official_name=BAT_TRANG_OFFICIAL_NAME,
        village="Bát Tràng",
        craft="Gốm sứ",
        craft_en="Ceramics",
        craft_code="ceramics",
        product_class="ceramics",
        historical_commune="xã Bát Tràng",
        historical_district="huyện Gia Lâm",
        historical_address_detail="Thôn 1 Bát Tràng",
        star_level=4,
        star_level_source=BAT_TRANG_STAR_SOURCE,
        star_level_source_en=BAT_TRANG_STAR_SOURCE_EN,
        description=(
            "Nghề gốm đến Bát Tràng từ thời Lý, theo chân các dòng họ thợ gốm từ "
            "Bồ Bát (Ninh Bình). Trung tâm của làng là trung tâm đầu tiên được "
            "công bố và gắn biển, ngày 23/3/2024."
        ),
        description_en=(
            "Pottery came to Bát Tràng in the Lý era with potter clans from Bồ Bát "
            "(Ninh Bình). The village's centre was the first of the ten to be "
            "announced and receive its plaque, on 23 March 2024."
        ),
        maker_name="Phạm Văn Mẫu (demo)",
    ),
    CentreData(
        slug="ha-thai",
        name="Trung tâm Hạ Thái",
        name_en="Hạ Thái centre",
        village="Hạ Thái",
        craft="Sơn mài",
        craft_en="Lacquer",
        craft_code="lacquer",
        product_class="lacquer",
        historical_commune="xã Duyên Thái",
        historical_district="huyện Thường Tín",
        description=(
            "Hạ Thái làm sơn mài từ khoảng thế kỷ 17 và được công nhận làng nghề năm "
            "2001. Mỗi món đồ ở đây qua 10 đến 16 lớp sơn: tranh, hộp, bát, bình, "
            "tấm ốp."
        ),
        description_en=(
            "Hạ Thái has worked in lacquer since about the 17th century and was "
            "recognised as a craft village in 2001. A piece takes 10 to 16 coats: "
            "paintings, boxes, bowls, vases and panels."
        ),
        maker_name="Đỗ Thị Mẫu (demo)",
    ),
    CentreData(
        slug="chuyen-my",
        name="Trung tâm Chuyên Mỹ",
        name_en="Chuyên Mỹ centre",
        village="Chuyên Mỹ",
        craft="Khảm trai",
        craft_en="Mother-of-pearl inlay",
        craft_code="inlay",
        product_class="inlay",
        historical_commune="xã Chuyên Mỹ",
        historical_district="huyện Phú Xuyên",
        description=(
            "Người Chuyên Mỹ ghi công mở nghề khảm cho Trương Công Thành, một vị "
            "tướng thời Lý ở thế kỷ 11. Cả bảy thôn của xã đều làm khảm."
        ),
        description_en=(
            "Chuyên Mỹ credits its inlay craft to Trương Công Thành, an "
            "11th-century general of the Lý dynasty. All seven villages of the "
            "commune practise it."
        ),
        maker_name="Vũ Văn Mẫu (demo)",
    ),
    CentreData(
        slug="phu-vinh",
        name="Trung tâm Phú Vinh",
        name_en="Phú Vinh centre",
        village="Phú Vinh",
        craft="Mây tre đan",
        craft_en="Rattan and bamboo weaving",
        craft_code="rattan-bamboo",
        product_class="rattan-bamboo",
        historical_commune="xã Phú Nghĩa",
        historical_district="huyện Chương Mỹ",
        star_level=3,
        star_level_source=PHU_VINH_STAR_SOURCE,
        star_level_source_en=PHU_VINH_STAR_SOURCE_EN,
        description=(
            "Phú Vinh đan mây tre đã khoảng 400 năm. Một món đồ đan năm 1712 của "
            "làng đang được giữ ở một bảo tàng mỹ thuật tại Huế."
        ),
        description_en=(
            "Phú Vinh has woven rattan and bamboo for about 400 years. A piece "
            "from 1712 is kept at the Huế Museum of Fine Arts."
        ),
        maker_name="Bùi Thị Mẫu (demo)",
    ),
    CentreData(
        slug="tranh-khuc",
        name="Trung tâm Tranh Khúc",
        name_en="Tranh Khúc centre",
        village="Tranh Khúc",
        craft="Bánh chưng, bánh dày",
        craft_en="Bánh chưng and bánh dày",
        craft_code="food",
        product_class="food",
        historical_commune="xã Duyên Hà",
        historical_district="huyện Thanh Trì",
        description=(
            "Khoảng một trăm hộ ở Tranh Khúc gói bánh chưng quanh năm, và làm hơn "
            "một triệu chiếc bánh mỗi dịp Tết. Bánh là đồ tươi, để được ít ngày, "
            "nên chỉ giao trong nước."
        ),
        description_en=(
            "About a hundred households in Tranh Khúc make bánh chưng all year "
            "round, and more than a million cakes for Tết. The cakes are fresh "
            "food that keeps only a few days, so they ship within Vietnam only."
        ),
        maker_name="Lê Văn Mẫu (demo)",
    ),
    CentreData(
        slug="son-dong",
        name="Trung tâm Sơn Đồng",
        name_en="Sơn Đồng centre",
        village="Sơn Đồng",
        craft="Tượng, đồ thờ sơn son thếp vàng",
        craft_en="Carved and lacquered statues, worship objects",
        craft_code="statues",
        product_class="statues",
        historical_commune="xã Sơn Đồng",
        historical_district="huyện Hoài Đức",
        description=(
            "Sơn Đồng tạc tượng và làm đồ thờ, phủ sơn son rồi thếp vàng. Năm 2007 "
            "làng được ghi kỷ lục quốc gia là làng nghề lớn nhất thuộc loại này."
        ),
        description_en=(
            "Sơn Đồng carves statues and worship objects, finished in red lacquer "
            "and gilding. In 2007 it set a national record as the largest village "
            "of its kind."
        ),
        maker_name="Ngô Văn Mẫu (demo)",
    ),
    CentreData(
        slug="thiet-ung",
        name="Trung tâm Thiết Úng",
        name_en="Thiết Úng centre",
        village="Thiết Úng",
        craft="Điêu khắc gỗ mỹ nghệ",
        craft_en="Fine wood carving",
        craft_code="wood-carving",
        product_class="wood",
        historical_commune="xã Vân Hà",
        historical_district="huyện Đông Anh",
        description=(
            "Thợ Thiết Úng chạm tượng, đồ nội thất, phù điêu và bình bằng gỗ quý. "
            "Hàng chục sản phẩm gỗ của làng đã đạt OCOP 3 đến 4 sao."
        ),
        description_en=(
            "Thiết Úng's carvers make statues, furniture, reliefs and vases in "
            "fine wood. Dozens of the village's wood products hold 3★ or 4★ OCOP "
            "ratings."
        ),
        maker_name="Trịnh Văn Mẫu (demo)",
    ),
    CentreData(
        slug="trach-xa",
        name="Trung tâm Trạch Xá",
        name_en="Trạch Xá centre",
        village="Trạch Xá",
        craft="May áo dài",
        craft_en="Áo dài tailoring",
        craft_code="ao-dai",
        product_class="garments",
        historical_commune="xã Hòa Lâm",
        historical_district="huyện Ứng Hòa",
        description=(
            "Nghề may áo dài Trạch Xá được ghi công cho một vị tổ nghề thế kỷ 10; "
            "xưa kia thợ may trong làng là đàn ông, may đo cho từng người. Làng có "
            "nhãn hiệu tập thể từ năm 2020; nghề may ở đây là di sản văn hóa phi "
            "vật thể quốc gia từ tháng 12/2024."
        ),
        description_en=(
            "Trạch Xá traces its áo dài tailoring to a 10th-century founder, and "
            "its tailors were traditionally men, cutting to measure. The village "
            "has held a collective trademark since 2020, and the craft became "
            "national intangible cultural heritage in December 2024."
        ),
        maker_name="Hoàng Văn Mẫu (demo)",
    ),
    CentreData(
        slug="van-phuc",
        name="Trung tâm Vạn Phúc",
        name_en="Vạn Phúc centre",
        village="Vạn Phúc",
        craft="Dệt lụa",
        craft_en="Silk weaving",
        craft_code="silk",
        product_class="silk",
        historical_commune="phường Vạn Phúc",
        historical_district="quận Hà Đông",
        description=(
            "Vạn Phúc dệt lụa đã khoảng một nghìn năm, với nhiều loại vải: gấm, "
            "vóc, the, lĩnh, sa, đũi. Cùng Bát Tràng, làng thuộc mạng lưới thành "
            "phố thủ công sáng tạo của Hội đồng Thủ công Thế giới."
        ),
        description_en=(
            "Vạn Phúc has woven silk for about a thousand years, in many kinds: "
            "gấm, vóc, the, lĩnh, sa and đũi. With Bát Tràng it belongs to the "
            "World Crafts Council's network of creative craft cities."
        ),
        maker_name="Nguyễn Thị Mẫu (demo)",
    ),
    CentreData(
        slug="kim-lan",
        name="Trung tâm Kim Lan",
        name_en="Kim Lan centre",
        village="Kim Lan",
        craft="Gốm",
        craft_en="Ceramics",
        craft_code="ceramics",
        product_class="ceramics",
        historical_commune="xã Kim Lan",
        historical_district="huyện Gia Lâm",
        description=(
            "Các cuộc khai quật năm 2001 và 2003 ở Kim Lan cho thấy gốm được làm "
            "tại đây từ thế kỷ 7 đến thế kỷ 18, với hàng trăm lò nung."
        ),
        description_en=(
            "Excavations at Kim Lan in 2001 and 2003 showed pottery made here "
            "from the 7th to the 18th century, in hundreds of kilns."
        ),
        maker_name="Đào Thị Mẫu (demo)",
    ),
]

MAKER_BIOGRAPHY = (
    "Hồ sơ minh họa: một người thợ hư cấu của {village}, tạo ra để trình diễn "
    "trang web. Không phải người thật, không mang danh hiệu nào."
)
MAKER_BIOGRAPHY_EN = (
    "Fictional demo profile: a made-up maker of {village}, created to show how the "
    "site works. Not a real person, and holds no title."
)
