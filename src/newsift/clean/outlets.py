"""Canonical outlet ids: "The Print", "ThePrint" -> "theprint"; "TOI" -> "timesofindia".

A fixed alias table of well-known outlets and wires; unknown names fall back to a squashed key.
"""

from __future__ import annotations

import functools
import unicodedata

__all__ = ["WIRE_SERVICES", "is_known_outlet", "is_wire_service", "normalize_outlet"]

# canonical id -> names it is printed under (the canonical id itself always maps to itself)
_ALIASES: dict[str, tuple[str, ...]] = {
    "theprint": ("ThePrint", "The Print"),
    "firstpost": ("Firstpost", "First Post"),
    "timesofindia": ("The Times of India", "Times of India", "TOI", "Times Now News"),
    "hindustantimes": ("Hindustan Times", "HT", "HT News Desk"),
    "ndtv": ("NDTV", "NDTV News", "New Delhi Television"),
    "indianexpress": ("The Indian Express", "Indian Express"),
    "thehindu": ("The Hindu", "The Hindu BusinessLine"),
    "economictimes": ("The Economic Times", "Economic Times", "ET"),
    "indiatoday": ("India Today", "IndiaToday"),
    "news18": ("News18", "CNN-News18"),
    "livemint": ("Mint", "Livemint", "LiveMint"),
    "deccanherald": ("Deccan Herald", "DH"),
    "wion": ("WION", "WION News"),
    "dawn": ("Dawn", "Dawn News", "DAWN.COM"),
    "pti": ("Press Trust of India", "PTI"),
    "ani": ("Asian News International", "ANI"),
    "ians": ("Indo-Asian News Service", "IANS"),
    "uni": ("United News of India", "UNI"),
    "ap": ("Associated Press", "The Associated Press", "AP"),
    "afp": ("Agence France-Presse", "Agence France Presse", "AFP"),
    "reuters": ("Reuters", "Thomson Reuters"),
    "bloomberg": ("Bloomberg", "Bloomberg News"),
    "xinhua": ("Xinhua", "Xinhua News Agency"),
    "anadolu": ("Anadolu Agency", "Anadolu", "AA"),
    "aap": ("Australian Associated Press", "AAP"),
    "dpa": ("Deutsche Presse-Agentur", "DPA"),
    "yonhap": ("Yonhap", "Yonhap News Agency", "Yonhap News"),
    "kyodo": ("Kyodo", "Kyodo News"),
    "ansa": ("ANSA", "Agenzia ANSA"),
    "tass": ("TASS", "ITAR-TASS"),
    "bernama": ("Bernama", "Malaysian National News Agency"),
    "bbc": ("BBC", "BBC News", "British Broadcasting Corporation"),
    "cnn": ("CNN", "Cable News Network"),
    "aljazeera": ("Al Jazeera", "Al Jazeera English"),
    "theguardian": ("The Guardian", "Guardian"),
    "nytimes": ("The New York Times", "New York Times", "NYT", "NY Times"),
    "washingtonpost": ("The Washington Post", "Washington Post", "WaPo"),
    "wsj": ("The Wall Street Journal", "Wall Street Journal", "WSJ"),
    "ft": ("Financial Times", "FT"),
    "nypost": ("New York Post", "NY Post"),
    "dailymail": ("Daily Mail", "MailOnline", "Mail Online"),
    "foxnews": ("Fox News", "Fox"),
    "trtworld": ("TRT World", "TRT"),
    "defensenews": ("Defense News",),
    "janes": ("Janes", "Jane's", "Jane's Defence Weekly"),
}

WIRE_SERVICES: frozenset[str] = frozenset(
    {"pti", "ani", "ians", "uni", "ap", "afp", "reuters", "bloomberg", "xinhua", "anadolu", "dpa", "aap"}
    | {"yonhap", "kyodo", "ansa", "tass", "bernama"}
)


def _squash(name: str) -> str:
    """Casefolded letters and digits only; repeated until stable so that it is idempotent."""
    key = name
    for _ in range(10):
        folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", key).casefold())
        squashed = "".join(char for char in folded if char.isalnum())
        if squashed == key:
            break
        key = squashed
    return key


def _build_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for canonical, names in _ALIASES.items():
        table[canonical] = canonical
        for name in names:
            table.setdefault(_squash(name), canonical)
    return table


_TABLE = _build_table()


def normalize_outlet(name: str) -> str:
    """The canonical id of an outlet as printed on a page.

    Known outlets map through the alias table ("TOI" and "The Times of India" -> "timesofindia");
    any other name becomes its casefolded letters and digits ("News.com.au" -> "newscomau").
    Idempotent: ``normalize_outlet(normalize_outlet(x)) == normalize_outlet(x)``.

    Args:
        name: the outlet name as written ("The Print", "First Post", "- Reuters").

    Returns:
        the canonical id, or "" when the name holds no letters or digits.
    """
    key = _squash(name)
    return _TABLE.get(key, key)


def is_known_outlet(name: str) -> bool:
    """True when the name is in the alias table (a well-known outlet or wire)."""
    return _squash(name) in _TABLE


@functools.lru_cache(maxsize=4096)  # asked of every short credit-like line of a page: a hot path
def is_wire_service(name: str) -> bool:
    """True for news agencies whose copy other outlets republish (PTI, Reuters, AFP...)."""
    return normalize_outlet(name) in WIRE_SERVICES
