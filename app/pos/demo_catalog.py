"""A believable convenience store to try the counter on, and a big catalog for benchmarks.

Everything is deterministic: the same names, barcodes and stock on every run.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from app.money import percent_of
from app.pos.barcodes import ean_check_digit
from app.pos.catalog import OPENING_STOCK_REASON, ensure_category, pinyin_initials
from app.pos.stock_cost import line_cost
from app.storage.base import Base, utcnow
from app.storage.ids import new_id
from app.storage.models import BarcodeRow, CounterStateRow, ProductRow, StockMoveRow

DEMO_MARKER_KEY = "demo_catalog"
CHINA_GS1_PREFIX = "69"
#: Second barcodes (an older package of the same article) use their own company numbers.
SECOND_BARCODE_COMPANY_BASE = 98000
BULK_COMPANY_DIGIT = "9"
EVERY_NTH_HAS_MEMBER_PRICE = 4
EVERY_NTH_HAS_SECOND_BARCODE = 37
MEMBER_PRICE_BASIS_POINTS = 9000
WEIGHED_UNIT = "kg"

_Variants = Sequence[tuple[str, int]]
# (category, unit, [(brand or family, [(variant, price in fen), ...]), ...])
_SIZES_COLA: _Variants = (("330ml", 250), ("500ml", 300), ("1.25L", 550), ("2L", 750))
_SIZES_TEA: _Variants = (("500ml", 300), ("1L", 500))
_SIZES_CHIPS: _Variants = (("原味 70g", 750), ("黄瓜味 70g", 750), ("番茄味 135g", 1250))

_CATALOG: tuple[tuple[str, str, tuple[tuple[str, _Variants], ...]], ...] = (
    (
        "饮料",
        "瓶",
        (
            ("可口可乐", _SIZES_COLA),
            ("百事可乐", _SIZES_COLA),
            ("雪碧", _SIZES_COLA),
            ("芬达橙味汽水", (("330ml", 250), ("500ml", 300))),
            ("农夫山泉饮用天然水", (("550ml", 200), ("1.5L", 400), ("4L", 800))),
            ("怡宝纯净水", (("555ml", 200), ("1.555L", 400))),
            ("康师傅冰红茶", _SIZES_TEA),
            ("康师傅绿茶", _SIZES_TEA),
            ("统一冰红茶", _SIZES_TEA),
            ("统一绿茶", _SIZES_TEA),
            ("王老吉凉茶", (("310ml 罐", 400),)),
            ("加多宝凉茶", (("310ml 罐", 400),)),
            ("红牛维生素功能饮料", (("250ml", 600),)),
            ("脉动", (("青柠味 600ml", 500), ("桃子味 600ml", 500))),
            ("东方树叶", (("茉莉花茶 500ml", 500), ("乌龙茶 500ml", 500))),
            ("元气森林苏打气泡水", (("白桃味 480ml", 500), ("青瓜味 480ml", 500))),
            ("美汁源果粒橙", (("420ml", 350), ("1.25L", 800))),
            ("统一阿萨姆奶茶", (("500ml", 400),)),
            ("雀巢咖啡丝滑拿铁", (("268ml", 600),)),
            ("维他柠檬茶", (("250ml", 350),)),
            ("椰树椰汁", (("245ml", 350), ("1L", 1200))),
            ("北冰洋橙汁汽水", (("248ml", 500),)),
            ("三得利乌龙茶", (("无糖 500ml", 500), ("低糖 500ml", 500))),
            ("康师傅茉莉蜜茶", (("500ml", 300),)),
            ("娃哈哈营养快线", (("原味 500g", 500), ("菠萝味 500g", 500))),
            ("娃哈哈纯净水", (("596ml", 150),)),
            ("百岁山矿泉水", (("570ml", 300), ("1.5L", 550))),
            ("冰露纯悦包装水", (("550ml", 100),)),
            ("外星人电解质水", (("500ml", 600),)),
            ("东鹏特饮", (("500ml", 500),)),
            ("六个核桃", (("240ml 罐", 450),)),
            ("露露杏仁露", (("240ml 罐", 450),)),
        ),
    ),
    (
        "零食",
        "袋",
        (
            ("乐事薯片", _SIZES_CHIPS),
            ("可比克薯片", _SIZES_CHIPS),
            ("上好佳鲜虾片", (("40g", 350), ("80g", 650))),
            ("旺旺雪饼", (("84g", 650), ("520g", 2590))),
            ("旺旺仙贝", (("52g", 550),)),
            ("奥利奥夹心饼干", (("原味 97g", 650), ("巧克力味 97g", 650))),
            ("卫龙大面筋", (("65g", 350), ("106g", 550))),
            ("卫龙亲嘴烧", (("麦辣鸡汁味", 100),)),
            ("三只松鼠每日坚果", (("25g", 590),)),
            ("洽洽香瓜子", (("160g", 850), ("308g", 1490))),
            ("良品铺子猪肉脯", (("100g", 1990),)),
            ("好丽友派", (("6枚 204g", 1290),)),
            ("德芙丝滑牛奶巧克力", (("43g", 990),)),
            ("士力架花生夹心巧克力", (("51g", 650),)),
            ("大白兔奶糖", (("114g", 1290),)),
            ("阿尔卑斯棒棒糖", (("混合口味 10支", 1000),)),
            ("绿箭口香糖", (("薄荷味 5片", 250),)),
            ("益达木糖醇口香糖", (("40粒", 1190),)),
            ("徐福记沙琪玛", (("鸡蛋味 160g", 890),)),
            ("溜溜梅", (("青梅 160g", 1290),)),
            ("周黑鸭卤鸭脖", (("微辣 200g", 2990),)),
            ("劲仔深海小鱼", (("香辣 12g", 150),)),
            ("米老头青稞米棒", (("150g", 890),)),
            ("好多鱼", (("烧烤味 33g", 450), ("海苔味 33g", 450))),
            ("康师傅3+2苏打夹心饼干", (("柠檬味 125g", 590), ("奶油味 125g", 590))),
            ("嘉士利果酱夹心饼干", (("草莓味 100g", 450),)),
            ("王小卤虎皮凤爪", (("卤香 200g", 2990),)),
            ("有友泡椒凤爪", (("100g", 790),)),
            ("来伊份蜜汁猪肉脯", (("120g", 2590),)),
            ("百草味夏威夷果", (("160g", 2590),)),
            ("口水娃兰花豆", (("牛肉味 150g", 650),)),
        ),
    ),
    (
        "方便食品",
        "袋",
        (
            ("康师傅红烧牛肉面", (("袋装", 350), ("桶装", 550), ("五连包", 1490))),
            ("康师傅老坛酸菜牛肉面", (("袋装", 350), ("桶装", 550), ("五连包", 1490))),
            ("统一老坛酸菜牛肉面", (("袋装", 350), ("桶装", 550), ("五连包", 1490))),
            ("统一汤达人日式豚骨拉面", (("桶装", 750),)),
            ("今麦郎一菜一面", (("袋装", 300), ("桶装", 500))),
            ("白象汤好喝老母鸡汤面", (("袋装", 450), ("桶装", 650))),
            ("日清合味道海鲜风味杯面", (("84g", 700),)),
            ("农心辛拉面", (("袋装", 600), ("五连包", 2590))),
            ("好欢螺螺蛳粉", (("400g", 1590),)),
            ("李子柒螺蛳粉", (("335g", 1590),)),
            ("自嗨锅麻辣牛肉自热火锅", (("400g", 3590),)),
            ("双汇王中王火腿肠", (("40g", 200), ("10支装", 1590))),
            ("金锣火腿肠", (("30g", 150),)),
            ("梅林午餐肉罐头", (("340g", 1590),)),
            ("银鹭桂圆莲子八宝粥", (("360g", 450),)),
            ("娃哈哈八宝粥", (("360g", 450),)),
            ("五谷道场非油炸方便面", (("番茄牛腩 105g", 500),)),
            ("白家陈记酸辣粉", (("桶装 105g", 690),)),
            ("统一来一桶", (("老坛酸菜 120g", 500), ("红烧牛肉 110g", 500))),
            ("三全手抓饼", (("5片 450g", 1290),)),
        ),
    ),
    (
        "乳制品",
        "盒",
        (
            ("伊利纯牛奶", (("250ml", 350), ("250ml×16盒", 5490))),
            ("蒙牛纯牛奶", (("250ml", 350), ("250ml×16盒", 5290))),
            ("特仑苏纯牛奶", (("250ml", 550), ("250ml×12盒", 6590))),
            ("金典有机纯牛奶", (("250ml", 600),)),
            ("光明鲜牛奶", (("950ml", 1590), ("200ml", 450))),
            ("安慕希希腊酸奶", (("原味 205g", 650), ("黄桃燕麦 200g", 650))),
            ("纯甄风味酸牛奶", (("200g", 600),)),
            ("养乐多活菌型乳酸菌饮品", (("100ml×5瓶", 1190),)),
            ("君乐宝简醇酸奶", (("0添加蔗糖 250g", 690),)),
            ("旺仔牛奶", (("245ml 罐", 550), ("125ml×4盒", 1490))),
            ("AD钙奶", (("220g×4瓶", 1090),)),
            ("光明莫斯利安酸奶", (("200g", 650),)),
            ("蒙牛真果粒", (("草莓 250g", 500), ("芦荟 250g", 500))),
            ("伊利优酸乳", (("原味 250ml", 300),)),
        ),
    ),
    (
        "烘焙面包",
        "个",
        (
            ("桃李醇熟切片面包", (("400g", 1090),)),
            ("桃李天然酵母面包", (("椰蓉味", 450), ("豆沙味", 450), ("奶油味", 450))),
            ("达利园法式软面包", (("香奶味 200g", 990),)),
            ("达利园蛋黄派", (("6枚", 1190),)),
            ("港荣蒸蛋糕", (("原味 480g", 1990),)),
            ("盼盼法式小面包", (("奶香味 400g", 1490),)),
            ("曼可顿全麦面包", (("400g", 1290),)),
            ("宾堡吐司", (("350g", 1190),)),
            ("现烤牛角包", (("原味", 600), ("巧克力", 700))),
            ("现烤肉松面包", (("个", 800),)),
            ("现烤菠萝包", (("个", 600),)),
            ("老婆饼", (("单个", 500),)),
            ("鲜奶油蛋糕卷", (("原味", 1200), ("抹茶", 1300))),
            ("手撕面包", (("500g", 1590),)),
        ),
    ),
    (
        "冷冻食品",
        "袋",
        (
            ("三全猪肉白菜水饺", (("500g", 1590), ("1kg", 2890))),
            ("三全猪肉玉米水饺", (("500g", 1590),)),
            ("思念黑芝麻汤圆", (("500g", 1290),)),
            ("思念猪肉大葱水饺", (("500g", 1590),)),
            ("湾仔码头玉米猪肉水饺", (("720g", 3990),)),
            ("安井鱼丸", (("400g", 1590),)),
            ("安井撒尿肉丸", (("500g", 2290),)),
            ("广州酒家叉烧包", (("6个 300g", 1890),)),
            ("正大鸡肉肠", (("500g", 2590),)),
            ("和路雪可爱多甜筒", (("香草味", 600), ("巧克力味", 600))),
            ("伊利巧乐兹", (("经典巧克力", 500),)),
            ("蒙牛随变", (("香草巧克力", 400),)),
            ("钟薛高雪糕", (("丝绒可可", 1500),)),
            ("光明冰砖", (("香草味 115g", 300),)),
            ("八喜冰淇淋", (("香草味 90g", 800), ("朗姆味 90g", 800))),
            ("湾仔码头荠菜猪肉大馄饨", (("300g", 2490),)),
            ("三全灌汤小笼包", (("450g", 1990),)),
        ),
    ),
    (
        "粮油调味",
        "瓶",
        (
            ("海天金标生抽", (("500ml", 890), ("1.28L", 1690))),
            ("海天老抽王", (("500ml", 990),)),
            ("李锦记蚝油", (("510g", 1290),)),
            ("恒顺香醋", (("500ml", 790),)),
            ("老干妈风味豆豉油制辣椒", (("280g", 1190),)),
            ("太太乐鸡精", (("200g", 990),)),
            ("中盐加碘精制盐", (("400g", 300),)),
            ("太古优级白砂糖", (("454g", 690),)),
            ("金龙鱼调和油", (("1.8L", 2690), ("5L", 6990))),
            ("鲁花花生油", (("900ml", 2990), ("5L", 14990))),
            ("福临门东北大米", (("5kg", 3990),)),
            ("五常稻花香大米", (("5kg", 6990),)),
            ("金龙鱼高筋小麦粉", (("2.5kg", 1990),)),
            ("陈克明挂面", (("鸡蛋面 500g", 650),)),
            ("王守义十三香", (("45g", 450),)),
            ("郫县豆瓣酱", (("500g", 890),)),
            ("李锦记薄盐生抽", (("500ml", 1290),)),
            ("千禾零添加酱油", (("500ml", 1590),)),
            ("海天上等蚝油", (("260g", 690),)),
            ("吉香居麻辣萝卜干", (("80g", 390),)),
            ("乌江涪陵榨菜", (("80g", 250), ("5袋装", 1090))),
            ("莲花味精", (("200g", 590),)),
            ("安琪高活性干酵母", (("13g", 250),)),
            ("挂面", (("龙须面 1kg", 990),)),
        ),
    ),
    (
        "酒类",
        "瓶",
        (
            ("青岛啤酒经典", (("500ml 罐", 650), ("330ml×6罐", 2990))),
            ("雪花啤酒勇闯天涯", (("500ml 罐", 550), ("500ml×12罐", 5490))),
            ("燕京啤酒清爽", (("500ml", 450),)),
            ("哈尔滨啤酒冰纯", (("500ml 罐", 500),)),
            ("百威啤酒", (("500ml 罐", 750),)),
            ("红星二锅头", (("56度 500ml", 1690), ("42度 150ml", 750))),
            ("牛栏山陈酿", (("42度 500ml", 1890),)),
            ("江小白", (("40度 100ml", 2200),)),
            ("长城干红葡萄酒", (("750ml", 6990),)),
            ("张裕解百纳干红", (("750ml", 8990),)),
            ("RIO锐澳鸡尾酒", (("白桃味 330ml", 1200), ("蓝玫瑰 330ml", 1200))),
            ("古越龙山绍兴黄酒", (("五年陈 500ml", 2890),)),
        ),
    ),
    (
        "日用品",
        "包",
        (
            ("清风原木纯品抽纸", (("3层100抽", 390), ("3层100抽×6包", 1990))),
            ("维达超韧抽纸", (("3层130抽", 450), ("3层130抽×6包", 2390))),
            ("心相印茶语手帕纸", (("10包", 590),)),
            ("洁柔卷纸", (("4层140g×10卷", 3290),)),
            ("蓝月亮深层洁净洗衣液", (("1kg", 2990), ("3kg", 6990))),
            ("立白洗洁精", (("1.12kg", 1290),)),
            ("汰渍洗衣粉", (("1.65kg", 2590),)),
            ("南孚碱性电池", (("5号 2粒", 990), ("7号 2粒", 990))),
            ("双飞燕垃圾袋", (("中号 30只", 690),)),
            ("妙洁保鲜膜", (("30cm×20m", 1590),)),
            ("一次性纸杯", (("50只", 590),)),
            ("晨光中性笔", (("黑色 0.5mm", 250),)),
            ("得力笔记本", (("A5 60页", 590),)),
            ("天堂晴雨伞", (("三折", 4990),)),
            ("打火机", (("一次性", 200),)),
            ("维达湿巾", (("10片", 350), ("80片", 1590))),
            ("超能洗衣皂", (("226g×2块", 890),)),
            ("威猛先生厨房重油污净", (("500g", 2290),)),
            ("洁厕灵", (("600g", 990),)),
            ("蚊香", (("10单圈", 890),)),
            ("晾衣架", (("10只装", 1990),)),
            ("保鲜袋", (("中号 100只", 890),)),
            ("钢丝球", (("4个装", 500),)),
        ),
    ),
    (
        "个人护理",
        "支",
        (
            ("高露洁全效牙膏", (("180g", 1990),)),
            ("佳洁士草本牙膏", (("180g", 1590),)),
            ("云南白药牙膏", (("150g", 3290),)),
            ("舒适达抗敏感牙膏", (("120g", 3990),)),
            ("高露洁软毛牙刷", (("单支", 990), ("三支装", 2490))),
            ("舒肤佳纯白清香香皂", (("100g", 490),)),
            ("舒肤佳沐浴露", (("纯白清香 720ml", 3990),)),
            ("海飞丝去屑洗发水", (("400ml", 4590),)),
            ("潘婷乳液修复洗发水", (("400ml", 4290),)),
            ("清扬男士洗发水", (("400ml", 4590),)),
            ("大宝SOD蜜", (("200ml", 1590),)),
            ("曼秀雷敦润唇膏", (("3.5g", 1990),)),
            ("护舒宝日用卫生巾", (("10片", 1290),)),
            ("吉列剃须刀片", (("2片装", 3990),)),
            ("滴露消毒液", (("750ml", 3990),)),
            ("威露士洗手液", (("525ml", 2590),)),
            ("杜蕾斯安全套", (("12只", 5990),)),
            ("六神花露水", (("195ml", 1590),)),
            ("隆力奇蛇油护手霜", (("50g", 690),)),
            ("妮维雅男士洁面乳", (("100g", 3990),)),
            ("欧莱雅男士保湿霜", (("50ml", 9900),)),
            ("强生婴儿润肤露", (("100ml", 2590),)),
            ("好奇纸尿裤", (("L码 4片", 1990),)),
            ("洁丽雅毛巾", (("纯棉 1条", 1990),)),
            ("棉签", (("200支", 590),)),
            ("创可贴", (("20片", 790),)),
            ("一次性口罩", (("10只", 990),)),
        ),
    ),
)

#: Fruit and vegetables sold by the kilogram; the item codes are what the scale prints (``I``).
_WEIGHED: tuple[tuple[str, str, int], ...] = (
    ("00001", "红富士苹果", 1280),
    ("00002", "香蕉", 690),
    ("00003", "赣南脐橙", 990),
    ("00004", "砀山梨", 790),
    ("00005", "巨峰葡萄", 1590),
    ("00006", "麒麟西瓜", 390),
    ("00007", "哈密瓜", 590),
    ("00008", "徐香猕猴桃", 1690),
    ("00009", "台农芒果", 1290),
    ("00010", "红心火龙果", 1490),
    ("00011", "土豆", 390),
    ("00012", "西红柿", 690),
    ("00013", "黄瓜", 590),
    ("00014", "大白菜", 250),
    ("00015", "胡萝卜", 390),
    ("00016", "洋葱", 350),
    ("00017", "青椒", 790),
    ("00018", "生姜", 1290),
    ("00019", "大蒜", 1190),
    ("00020", "散装鸡蛋", 1190),
)
_WEIGHED_CATEGORY = "生鲜果蔬"


def _table(model: type[Base]) -> Table:
    """The Core table of a model: bulk inserts skip the ORM's per-row bookkeeping."""
    return Base.metadata.tables[model.__tablename__]


def _ean13(company: int, item: int) -> str:
    body = f"{CHINA_GS1_PREFIX}{company:05d}{item:05d}"
    return body + str(ean_check_digit(body))


def _product_row(
    index: int, code: str, name: str, category_id: str, unit: str, price_fen: int, by_weight: bool
) -> dict[str, Any]:
    now = utcnow()
    cost_fen = percent_of(price_fen, 6500 + (index % 5) * 500)
    member = (
        percent_of(price_fen, MEMBER_PRICE_BASIS_POINTS)
        if index % EVERY_NTH_HAS_MEMBER_PRICE == 0
        else None
    )
    return {
        "id": new_id(),
        "code": code,
        "name": name,
        "pinyin_initials": pinyin_initials(name),
        "category_id": category_id,
        "unit": unit,
        "price_fen": price_fen,
        "cost_fen": cost_fen,
        "member_price_fen": member,
        "active": True,
        "track_stock": True,
        "by_weight": by_weight,
        "stock_milli": 0,
        "created_at": now,
        "updated_at": now,
    }


def seed_demo_catalog(session: Session) -> int:
    """Fill an empty catalog with the demo store; the number of products added (0 if not empty)."""
    if session.get(CounterStateRow, DEMO_MARKER_KEY) is not None:
        return 0
    if session.scalar(select(func.count()).select_from(ProductRow)):
        return 0
    products: list[dict[str, Any]] = []
    barcodes: list[dict[str, Any]] = []
    for cat_index, (category, unit, families) in enumerate(_CATALOG):
        category_id = ensure_category(session, category).id
        for family_index, (family, variants) in enumerate(families):
            company = 10000 + cat_index * 100 + family_index
            for variant_index, (variant, price_fen) in enumerate(variants):
                index = len(products)
                barcode = _ean13(company, variant_index + 1)
                row = _product_row(
                    index, barcode, f"{family} {variant}", category_id, unit, price_fen, False
                )
                products.append(row)
                barcodes.append({"barcode": barcode, "product_id": row["id"]})
                if index % EVERY_NTH_HAS_SECOND_BARCODE == 0:
                    second = _ean13(SECOND_BARCODE_COMPANY_BASE + index, 1)
                    barcodes.append({"barcode": second, "product_id": row["id"]})
    category_id = ensure_category(session, _WEIGHED_CATEGORY).id
    for code, name, price_fen in _WEIGHED:
        products.append(
            _product_row(len(products), code, name, category_id, WEIGHED_UNIT, price_fen, True)
        )
    moves: list[dict[str, Any]] = []
    for index, row in enumerate(products):
        stock = (10 + index % 40) * 1000 if not row["by_weight"] else (20_000 + index * 250)
        row["stock_milli"] = stock
        row["stock_value_fen"] = line_cost(row["cost_fen"] or 0, stock)
        moves.append(
            {
                "id": new_id(),
                "product_id": row["id"],
                "delta_milli": stock,
                "value_fen": row["stock_value_fen"],
                "reason": OPENING_STOCK_REASON,
                "order_id": None,
                "created_at": row["created_at"],
            }
        )
    session.execute(insert(_table(ProductRow)), products)
    session.execute(insert(_table(BarcodeRow)), barcodes)
    session.execute(insert(_table(StockMoveRow)), moves)
    session.add(CounterStateRow(key=DEMO_MARKER_KEY, value=str(len(products))))
    session.flush()
    return len(products)


_BULK_BRANDS = (
    "康师傅", "统一", "农夫", "伊利", "蒙牛", "旺旺", "达利园", "海天", "金龙鱼", "心相印",
    "乐事", "娃哈哈", "光明", "三全", "思念", "白象", "今麦郎", "雀巢", "洽洽", "卫龙",
)  # fmt: skip
_BULK_ITEMS = (
    "牛肉面", "绿茶", "矿泉水", "纯牛奶", "酸奶", "雪饼", "蛋黄派", "酱油", "食用油", "抽纸",
    "薯片", "八宝粥", "面包", "水饺", "汤圆", "方便面", "拉面", "咖啡", "瓜子", "辣条",
    "饼干", "果汁", "可乐", "蛋糕", "火腿肠", "香皂", "牙膏", "毛巾", "洗衣液", "电池",
)  # fmt: skip
_BULK_UNITS = ("瓶", "袋", "盒", "个", "包")
_BULK_CATEGORIES = tuple(f"分类{i:02d}" for i in range(10))


def make_bulk_catalog(session: Session, n: int, *, seed: int = 20240601) -> int:
    """``n`` plausible products with unique EAN-13 barcodes, written in a few bulk inserts."""
    rng = random.Random(seed)
    category_ids = [ensure_category(session, name).id for name in _BULK_CATEGORIES]
    now = utcnow()
    products: list[dict[str, Any]] = []
    barcodes: list[dict[str, Any]] = []
    for i in range(n):
        name = f"{rng.choice(_BULK_BRANDS)}{rng.choice(_BULK_ITEMS)} {rng.randint(1, 999)}g"
        body = f"{CHINA_GS1_PREFIX}{BULK_COMPANY_DIGIT}{i:09d}"
        barcode = body + str(ean_check_digit(body))
        price = rng.randint(50, 20_000)
        product_id = new_id()
        products.append(
            {
                "id": product_id,
                "code": f"B{i:07d}",
                "name": name,
                "pinyin_initials": pinyin_initials(name),
                "category_id": category_ids[i % len(category_ids)],
                "unit": _BULK_UNITS[i % len(_BULK_UNITS)],
                "price_fen": price,
                "cost_fen": percent_of(price, 7000),
                "member_price_fen": None,
                "active": True,
                "track_stock": True,
                "by_weight": False,
                "stock_milli": 0,
                "created_at": now,
                "updated_at": now,
            }
        )
        barcodes.append({"barcode": barcode, "product_id": product_id})
    session.execute(insert(_table(ProductRow)), products)
    session.execute(insert(_table(BarcodeRow)), barcodes)
    return n
