"""Suggestions for the port fields: busy UN/LOCODEs of the trades our users work in.

Only a type-ahead list: any well-formed UN/LOCODE is accepted (``normalize_locode`` decides).
"""

from __future__ import annotations

COMMON_PORTS: list[tuple[str, str]] = [
    ("CNSHA", "Shanghai"),
    ("CNNGB", "Ningbo"),
    ("CNSZX", "Shenzhen"),
    ("CNYTN", "Yantian"),
    ("CNCAN", "Guangzhou"),
    ("CNTAO", "Qingdao"),
    ("CNTSN", "Tianjin"),
    ("CNXMN", "Xiamen"),
    ("CNDLC", "Dalian"),
    ("CNLYG", "Lianyungang"),
    ("HKHKG", "Hong Kong"),
    ("TWKHH", "Kaohsiung"),
    ("SGSIN", "Singapore"),
    ("MYPKG", "Port Klang"),
    ("VNSGN", "Ho Chi Minh City"),
    ("VNHPH", "Haiphong"),
    ("THLCH", "Laem Chabang"),
    ("IDTPP", "Tanjung Priok (Jakarta)"),
    ("KRPUS", "Busan"),
    ("JPTYO", "Tokyo"),
    ("JPYOK", "Yokohama"),
    ("JPOSA", "Osaka"),
    ("INNSA", "Nhava Sheva"),
    ("AEJEA", "Jebel Ali"),
    ("DEHAM", "Hamburg"),
    ("DEBRV", "Bremerhaven"),
    ("NLRTM", "Rotterdam"),
    ("BEANR", "Antwerp"),
    ("FRLEH", "Le Havre"),
    ("GBFXT", "Felixstowe"),
    ("GBSOU", "Southampton"),
    ("ESVLC", "Valencia"),
    ("ESALG", "Algeciras"),
    ("ITGOA", "Genoa"),
    ("PLGDN", "Gdansk"),
    ("GRPIR", "Piraeus"),
    ("TRIST", "Istanbul"),
    ("USLAX", "Los Angeles"),
    ("USLGB", "Long Beach"),
    ("USNYC", "New York"),
    ("USSAV", "Savannah"),
    ("CAVAN", "Vancouver"),
    ("BRSSZ", "Santos"),
    ("AUSYD", "Sydney"),
    ("AUMEL", "Melbourne"),
    ("ZADUR", "Durban"),
]

__all__ = ["COMMON_PORTS"]
