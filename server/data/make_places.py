#!/usr/bin/env python3
"""make_places.py: writes countries.tsv and regions.tsv from Debian's iso-codes.

Source: the iso-codes package (https://salsa.debian.org/iso-codes-team/iso-codes), license
LGPL-2.1-or-later; on Debian/Ubuntu `apt-get install iso-codes` puts the data in
/usr/share/iso-codes/json/. The two files written here are derived from it and carry the same
license. What this script adds to the ISO names are facts of news usage that the byline authors
compiled: the short names newsrooms use ("U.S.", "Britain", "Russia"), a few former names
("Burma", "Swaziland"), which names are also common words or people's names, and the canonical
name we report when the ISO short name is not the one news copy uses.

usage: python3 server/data/make_places.py [--iso-dir /usr/share/iso-codes/json] [--out server/data]
Regenerate and commit both files in the same commit as a change to this script.
"""

import argparse
import json
import os

# Canonical names for the codes whose ISO short name is not the one news copy uses.
CANONICAL = {
    "BO": "Bolivia", "BN": "Brunei", "CD": "Democratic Republic of the Congo", "CG": "Republic of the Congo",
    "FK": "Falkland Islands", "FM": "Micronesia", "GB": "United Kingdom", "IR": "Iran", "KP": "North Korea",
    "KR": "South Korea", "LA": "Laos", "MD": "Moldova", "PS": "Palestine", "RU": "Russia", "SY": "Syria",
    "TW": "Taiwan", "TZ": "Tanzania", "VA": "Vatican City", "VE": "Venezuela", "VN": "Vietnam",
    "VG": "British Virgin Islands", "VI": "U.S. Virgin Islands", "MF": "Saint Martin", "SX": "Sint Maarten",
    "CV": "Cape Verde", "CZ": "Czech Republic", "TR": "Turkey", "CI": "Ivory Coast", "SZ": "Eswatini",
    "MK": "North Macedonia", "US": "United States", "CC": "Cocos Islands",
}

# Names news copy uses beside the ISO ones (facts of usage, compiled by the byline authors).
# '?' marks a name that is also a common word, '~' one that is also a person's name.
ALIASES = {
    "US": ["U.S.", "US", "U.S.A.", "USA", "America", "United States of America"],
    "GB": ["U.K.", "UK", "Britain", "Great Britain"],
    "RU": ["Russian Federation"], "KR": ["Republic of Korea", "S. Korea"], "KP": ["N. Korea", "DPRK"],
    "CI": ["Côte d'Ivoire", "Cote d'Ivoire"], "MM": ["Burma"], "MK": ["Macedonia"], "SZ": ["Swaziland"],
    "CZ": ["Czechia"], "TR": ["Türkiye", "Turkiye"], "CV": ["Cabo Verde"], "TL": ["East Timor"],
    "VA": ["Vatican", "Holy See"], "PS": ["State of Palestine", "Palestinian territories"],
    "CD": ["Congo", "DR Congo", "DRC", "Democratic Republic of Congo", "Congo-Kinshasa"],
    "CG": ["Republic of Congo", "Congo-Brazzaville"], "AE": ["UAE", "U.A.E.", "Emirates"],
    "NL": ["The Netherlands", "Holland"], "BS": ["The Bahamas"], "GM": ["The Gambia"], "IE": ["Irish Republic"],
    "SA": ["KSA"], "CN": ["PRC", "Mainland China", "People's Republic of China"], "TW": ["Republic of China"],
    "VN": ["Viet Nam"], "LA": ["Lao PDR"], "BN": ["Brunei Darussalam"], "SY": ["Syrian Arab Republic"],
    "IR": ["Islamic Republic of Iran"], "VE": ["Venezuela"], "BO": ["Bolivia"], "TZ": ["Tanzania"],
    "MD": ["Moldova"], "FM": ["Micronesia"], "NZ": ["Aotearoa"],
}

# Aliases that are also common words or names (prefix markers for the data file).
MARK = {"Turkey": "?", "Jordan": "~", "Chad": "~", "Jersey": "?", "Réunion": "?", "Reunion": "?",
        "Guinea": "?", "Israel": "~", "America": "", "Georgia": "~", "Niger": "", "Man": "?",
        "Cuba": "~", "Kenya": "~", "India": "~", "Holland": "~", "Emirates": "?", "Mali": "~",
        "Monaco": "", "Dominica": "~", "Grenada": "~", "Guernsey": "~", "Tonga": "~", "Bermuda": "?",
        "Samoa": "", "Chile": "?", "Panama": "?", "Togo": "~", "Congo": "", "Oman": "~",
        "Wales": "~"}

# Names that are not used as this country in news copy and would mislead: Georgia is far more
# often the U.S. state in American copy (regions.tsv has it; see docs/entities.md).
DROP = {"Georgia"}

# Regions compiled as facts (name, code, aliases); the U.S., Canadian and Australian ones come
# from ISO 3166-2 below.
EXTRA_REGIONS = [
    ("England", "GB", []), ("Scotland", "GB", []), ("Wales", "GB", []), ("Northern Ireland", "GB", []),
    ("Gaza Strip", "PS", ["Gaza"]), ("West Bank", "PS", []), ("Crimea", "UA", []), ("Donbas", "UA", ["Donbass"]),
    ("Kashmir", "", []), ("Tibet", "CN", []), ("Xinjiang", "CN", []), ("Inner Mongolia", "CN", []),
    ("Guangdong", "CN", []), ("Sichuan", "CN", []), ("Fujian", "CN", []), ("Hubei", "CN", []),
    ("Zhejiang", "CN", []), ("Jiangsu", "CN", []), ("Yunnan", "CN", []), ("Shandong", "CN", []),
    ("Punjab", "", []), ("Bavaria", "DE", []), ("Catalonia", "ES", []), ("Basque Country", "ES", []),
    ("Andalusia", "ES", []), ("Lombardy", "IT", []), ("Sicily", "IT", []), ("Sardinia", "IT", []),
    ("Corsica", "FR", []), ("Brittany", "FR", ["~Brittany"]), ("Normandy", "FR", []), ("Flanders", "BE", []),
    ("Wallonia", "BE", []), ("Siberia", "RU", []), ("Chechnya", "RU", []), ("Kurdistan", "", []),
    ("Darfur", "SD", []), ("Tigray", "ET", []), ("Kurdistan Region", "IQ", []), ("Golan Heights", "", []),
    ("Sinai", "EG", ["Sinai Peninsula"]), ("Patagonia", "", []), ("Okinawa", "JP", []), ("Hokkaido", "JP", []),
    ("Kyushu", "JP", []), ("Mindanao", "PH", []), ("Bali", "ID", []), ("Java", "ID", ["?Java"]),
    ("Sumatra", "ID", []), ("Borneo", "", []), ("Kurdish region", "IQ", []), ("Nagorno-Karabakh", "AZ", []),
    ("Transnistria", "MD", []), ("Abkhazia", "GE", []), ("South Ossetia", "GE", []), ("Kosovo", "XK", []),
    ("Greenland", "GL", []), ("Quebec", "CA", ["Québec"]), ("Washington state", "US", ["Washington State"]),
    ("New York State", "US", ["New York state"]), ("Silicon Valley", "US", []), ("Midwest", "US", []),
    ("New England", "US", []), ("Appalachia", "US", []), ("Bay Area", "US", []),
    ("Middle East", "", ["Mideast"]), ("Europe", "", []), ("Asia", "", []), ("Africa", "", []),
    ("Latin America", "", []), ("South America", "", []), ("North America", "", []), ("Central America", "", []),
    ("Southeast Asia", "", []), ("East Asia", "", []), ("South Asia", "", []), ("Central Asia", "", []),
    ("Asia-Pacific", "", ["Asia Pacific"]), ("Indo-Pacific", "", []), ("Western Europe", "", []),
    ("Eastern Europe", "", []), ("Balkans", "", []), ("Caribbean", "", []), ("Arctic", "", []),
    ("Antarctic", "", []), ("Sahel", "", []), ("Persian Gulf", "", ["the Gulf"]), ("Horn of Africa", "", []),
    ("Sub-Saharan Africa", "", ["sub-Saharan Africa"]), ("Scandinavia", "", []), ("Baltics", "", []),
    ("South China Sea", "", []), ("East China Sea", "", []), ("Taiwan Strait", "", []),
    ("Black Sea", "", []), ("Red Sea", "", []), ("Mediterranean", "", []), ("Pacific", "", []),
    ("Atlantic", "", []), ("Korean Peninsula", "", []), ("Strait of Hormuz", "", []),
]

STATE_MARK = {"Washington": "~", "Georgia": "~", "Virginia": "~", "Indiana": "~", "Montana": "~",
              "Victoria": "~", "Alberta": "~", "Nevada": "~"}
# AP-style abbreviations used after city names ("Tulsa, Okla."). Those that are also words or
# names ("Ill.", "Mass.", "Pa.", "Wash.") are left out: a period after them often ends a sentence.
STATE_ABBR = {
    "Arizona": "Ariz.", "California": "Calif.", "Colorado": "Colo.", "Connecticut": "Conn.",
    "Florida": "Fla.", "Michigan": "Mich.", "Minnesota": "Minn.", "Nebraska": "Neb.",
    "New Hampshire": "N.H.", "New Jersey": "N.J.", "New Mexico": "N.M.", "New York": "N.Y.",
    "North Carolina": "N.C.", "North Dakota": "N.D.", "Oklahoma": "Okla.", "Rhode Island": "R.I.",
    "South Carolina": "S.C.", "South Dakota": "S.D.", "Tennessee": "Tenn.", "Wisconsin": "Wis.",
    "Wyoming": "Wyo.", "District of Columbia": "D.C.",
}


def usable(name):
    """ISO 'Name, qualifier' and 'Name (part)' forms are not how names appear in text."""
    return name and "," not in name and "(" not in name


def mark(name, table):
    return table.get(name, "") + name


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--iso-dir", default="/usr/share/iso-codes/json")
    ap.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    args = ap.parse_args()
    with open(os.path.join(args.iso_dir, "iso_3166-1.json"), encoding="utf-8") as f:
        countries = json.load(f)["3166-1"]
    with open(os.path.join(args.iso_dir, "iso_3166-2.json"), encoding="utf-8") as f:
        subdivisions = json.load(f)["3166-2"]

    head = ("# {what}\n"
            "# Derived from Debian's iso-codes (ISO 3166), license LGPL-2.1-or-later; see README.md.\n"
            "# Generated by make_places.py; edit that script, not this file.\n"
            "# canonical<TAB>type<TAB>code<TAB>aliases ('|'; '?' also a common word, '~' also a name)\n")
    rows = []
    for c in sorted(countries, key=lambda c: c["alpha_2"]):
        code = c["alpha_2"]
        names = []
        for key in ("common_name", "name", "official_name"):
            n = c.get(key, "")
            if usable(n) and n not in names:
                names.append(n)
        for a in ALIASES.get(code, []):
            if a not in names:
                names.append(a)
        names = [n for n in names if n not in DROP]
        canonical = CANONICAL.get(code) or (names[0] if names else c["name"])
        aliases = [mark(n, MARK) for n in names if n != canonical]
        rows.append(f"{mark(canonical, MARK) if canonical not in DROP else canonical}\tcountry\t{code}\t"
                    f"{'|'.join(aliases) if aliases else '-'}")
    with open(os.path.join(args.out, "countries.tsv"), "w", encoding="utf-8") as f:
        f.write(head.format(what="countries.tsv: countries and territories with their ISO 3166-1 alpha-2 codes."))
        f.write("\n".join(r for r in rows if not r.startswith("Georgia\t")) + "\n")

    rows = []
    for s in sorted(subdivisions, key=lambda s: s["code"]):
        cc, _, _ = s["code"].partition("-")
        if cc not in ("US", "CA", "AU") or s["type"] not in ("State", "District", "Province", "Territory"):
            continue
        name = s["name"]
        if not usable(name):
            continue
        aliases = []
        if cc == "US" and name in STATE_ABBR:
            aliases.append(STATE_ABBR[name])
        rows.append(f"{mark(name, STATE_MARK)}\tregion\t{cc}\t{'|'.join(aliases) if aliases else '-'}")
    for name, code, aliases in EXTRA_REGIONS:
        rows.append(f"{name}\tregion\t{code or '-'}\t{'|'.join(aliases) if aliases else '-'}")
    with open(os.path.join(args.out, "regions.tsv"), "w", encoding="utf-8") as f:
        f.write(head.format(what="regions.tsv: states, provinces and regions (code: the country they belong to)."))
        f.write("# The U.S. states, Canadian provinces and Australian states come from ISO 3166-2; the\n"
                "# other regions and the AP-style state abbreviations were compiled as facts.\n")
        f.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
