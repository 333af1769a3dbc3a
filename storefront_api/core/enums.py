"""Saleor enums Haat uses, with the values Haat supports."""

from __future__ import annotations

import graphene

# A curated list rather than babel's: babel follows the newest CLDR, which gains locales a Saleor
# client never sends, while every name here must also be a Saleor `LanguageCodeEnum` value (the
# structural test in tests/storefront_api/test_schema.py checks it). Languages alone, plus regional
# variants for the languages of Bangladesh, its neighbours and its diaspora.
_LANGUAGES = """
AF AGQ AK AM AR AS ASA AST AZ BAS BE BEM BEZ BG BM BN BO BR BRX BS CA CCP CE CEB CGG CHR CKB CS CU
CY DA DAV DE DJE DSB DUA DYO DZ EBU EE EL EN EO ES ET EU EWO FA FF FI FIL FO FR FUR FY GA GD GL
GSW GU GUZ GV HA HAW HE HI HR HSB HU HY IA ID IG II IS IT JA JGO JMC JV KA KAB KAM KDE KEA KHQ KI
KK KKJ KL KLN KM KN KO KOK KS KSB KSF KSH KU KW KY LAG LB LG LKT LN LO LRC LT LU LUO LUY LV MAI
MAS MER MFE MG MGH MGO MI MK ML MN MNI MR MS MT MUA MY MZN NAQ NB ND NDS NE NL NMG NN NNH NUS NYN
OM OR OS PA PCM PL PRG PS PT QU RM RN RO ROF RU RW RWK SAH SAQ SAT SBP SD SE SEH SES SG SHI SI SK
SL SMN SN SO SQ SR SU SV SW TA TE TEO TG TH TI TK TO TR TT TWQ TZM UG UK UR UZ VAI VI VO VUN WAE
WO XH XOG YAV YI YO YUE ZGH ZH ZU
BN_BD BN_IN HI_IN UR_IN UR_PK NE_IN NE_NP MY_MM TA_IN TA_LK TA_MY TA_SG MS_MY MS_SG
EN_AE EN_AU EN_CA EN_GB EN_IE EN_IN EN_MY EN_NZ EN_PK EN_SG EN_US
AR_AE AR_BH AR_EG AR_JO AR_KW AR_LB AR_OM AR_QA AR_SA
"""


def _locale_tag(name: str) -> str:
    """`BN_BD` to the BCP 47 tag `bn-BD`."""
    language, _, region = name.partition("_")
    return f"{language.lower()}-{region}" if region else language.lower()


LanguageCodeEnum = graphene.Enum(
    "LanguageCodeEnum",
    [(code, _locale_tag(code)) for code in sorted(_LANGUAGES.split())],
    description="A language, by its locale code.",
)

# ISO 3166-1 alpha-2, plus EU and XK as Saleor has them. Hard-coded because babel's territories
# include regions that are not countries (AC, EA, IC, QO, ZZ, ...).
_COUNTRIES = """
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT
BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH
ER ES ET EU FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR
HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR
LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG
NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE
SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA
UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW
"""

CountryCode = graphene.Enum(
    "CountryCode",
    [(code, code) for code in sorted(_COUNTRIES.split())],
    description="An ISO 3166-1 country.",
)


class ThumbnailFormatEnum(graphene.Enum):
    ORIGINAL = "original"
    AVIF = "avif"
    WEBP = "webp"

    class Meta:
        description = "Image formats a thumbnail can be served in."


class WeightUnitsEnum(graphene.Enum):
    G = "g"
    LB = "lb"
    OZ = "oz"
    KG = "kg"
    TONNE = "tonne"


class OrderDirection(graphene.Enum):
    ASC = "asc"
    DESC = "desc"

    class Meta:
        description = "Ascending or descending."


def language_code_to_django(code: str) -> str:
    """`EN_US` (the enum's name) or `en-us` (its value) to the two-letter code Haat stores."""
    return str(code).replace("_", "-").split("-")[0].lower()
