"""Shared fixtures: a small site factory, in the spirit of Lektor's scratch projects."""

from __future__ import annotations

import datetime as dt
import gc
import json
import shutil
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser

from sitegen.check import CheckReport, check_site
from sitegen.search_export import META, ROOT

TODAY = dt.date(2026, 11, 25)
REPO = Path(__file__).resolve().parent.parent

SITE_TOML = """\
[site]
title = "Test Experts"
base_url = "https://experts.test.example/"
language = "en"
organization = "Test University"
description = "Experts for tests."

[[offices]]
id = "newsroom"
name = "Newsroom"
email = "press@test.example"
phone = "+1 312 555 0140"
hours = "9-5"
response_time = "within 2 hours"
default = true

[[offices]]
id = "health"
name = "Health press office"
email = "health@test.example"
phone = "+1 312 555 0177"

[[topics]]
id = "environment"
name = "Environment"
description = "The planet."

[[topics]]
id = "climate-change"
name = "Climate change"
description = "Warming."
parent = "environment"

[[topics]]
id = "energy"
name = "Energy"
description = "Power."
parent = "environment"
"""

PROFILE = """\
name: Ana Ruiz
title: Professor of Economics
headline: Hurricane insurance
bio: |
  Ana studies **risk**.
topics:
  - climate-change
languages:
  - es
  - en
photo:
  file: photos/ana.png
  alt: Ana Ruiz
  credit: Test
reviewed: 2026-10-01
"""

SiteFactory = Callable[..., Path]


UNSPACED_PROFILES = {
    "tanaka-yui": ("田中結衣", "気候変動の研究者です。海面上昇と防災を研究しています。", "ja"),
    "sato-ken": ("佐藤健", "気候と農業の研究。", "ja"),
    "wang-xiaoming": ("王小明", "经济学家，研究中国的气候政策。", "zh"),
    "li-wang": ("李王", "历史学家。", "zh"),
    "park-minjun": ("박민준", "기후변화를 연구하는 교수입니다.", "ko"),
    "suzuki-taro": ("鈴木太郎", "ガスとエネルギー政策。", "ja"),
    "somchai-thongdee": ("สมชาย ทองดี", "นักวิจัยด้านการเปลี่ยนแปลงสภาพภูมิอากาศ ศึกษาน้ำท่วมและภัยแล้ง", "th"),
    "malee-srisuk": ("มาลี ศรีสุข", "นักเศรษฐศาสตร์ ศึกษานโยบายภูมิอากาศ", "th"),
    "khamphone-vongsa": ("ຄຳພອນ ວົງສາ", "ນັກເສດຖະສາດ ສຶກສາການພັດທະນາຊົນນະບົດ", "lo"),
    "aung-kyaw": ("အောင်ကျော်", "စီးပွားရေးပညာရှင်", "my"),
    "sokha-chan": ("សុខា ចាន់", "អ្នកស្រាវជ្រាវសេដ្ឋកិច្ច", "km"),
}
"""Experts writing in Japanese, Chinese, Korean, Thai, Lao, Burmese and Khmer (no spaces between
words): slug -> name, bio, language."""


def write_unspaced_site(root: Path) -> Path:
    """A directory of the UNSPACED_PROFILES and one expert writing in English, at ``root``; its
    headlines are their bios' first sentences."""
    (root / "experts").mkdir(parents=True)
    shutil.copy(REPO / "site.toml", root / "site.toml")
    for slug, (name, bio, language) in {
        **UNSPACED_PROFILES,
        "ana-ruiz": ("Ana Ruiz", "Climate research.", "en"),
    }.items():
        (root / "experts" / f"{slug}.yaml").write_text(
            f"name: {name}\ntitle: Researcher\nheadline: {bio.split('。')[0]}\nbio: {bio}\n"
            f"topics: [energy]\nlanguages: [{language}]\nreviewed: 2026-10-01\n",
            encoding="utf-8",
        )
    return root


SPANISH_PROFILES = {
    "lucia-moreno": (
        "Lucía Moreno",
        "Investigadora de la migración",
        "Estudia la migración y las políticas de asilo en Europa.",
    ),
    "jose-garcia": ("José García", "Economista", "Economía laboral: salarios, inflación y desempleo juvenil."),
    "carmen-diaz": ("Carmen Díaz", "Epidemióloga", "Vacunación infantil y campañas de vacunas en América Latina."),
    "andres-pena": ("Andrés Peña", "Politólogo", "Elecciones, partidos políticos y comunicación política."),
    "sofia-ruiz": (
        "Sofía Ruiz",
        "Secretaria de redacción",
        "Periodismo de datos: verificación y desinformación en las redes.",
    ),
    "miguel-torres": ("Miguel Torres", "Historiador", "Historia de las migraciones mediterráneas y de los puertos."),
}
"""Experts of a Spanish directory (``write_spanish_site``): slug -> name, headline, bio."""


GERMAN_PROFILES = {
    "anna-mueller": ("Anna Müller", "Klimaforscherin", "Forschung zu Klimawandel, Hitzewellen und Märkten für Strom."),
    "jonas-schmidt": ("Jonas Schmidt", "Wirtschaftswissenschaftler", "Wirtschaftliche Folgen der Energiewende."),
    "lena-weiss": ("Lena Weiß", "Politologin", "Politische Kommunikation und Wahlen in Europa."),
    "tobias-kraus": ("Tobias Krauß", "Historiker", "Geschichte der Häuser und Straßen Berlins."),
    "mara-wolf": ("Mara Wolf", "Gesundheitsforscherin", "Gesunde Ernährung und öffentliche Gesundheit."),
}
"""Experts of a German directory (``write_german_site``): slug -> name, headline, bio."""


FRENCH_PROFILES = {
    "claire-martin": ("Claire Martin", "Économiste", "Économie du travail, chômage et politiques publiques."),
    "louis-bernard": ("Louis Bernard", "Climatologue", "Changement climatique, canicules et énergies renouvelables."),
    "amelie-dubois": ("Amélie Dubois", "Épidémiologiste", "Vaccination des enfants et santé publique."),
    "hugo-lefevre": ("Hugo Lefèvre", "Politologue", "Élections présidentielles et campagnes électorales en Europe."),
    "ines-moreau": ("Inès Moreau", "Historienne", "Histoire des migrations et des premières universités."),
}
"""Experts of a French directory (``write_french_site``): slug -> name, headline, bio."""


PORTUGUESE_PROFILES = {
    "ana-souza": ("Ana Souza", "Economista", "Economia do trabalho, desemprego e políticas públicas."),
    "joao-silva": ("João Silva", "Climatologista", "Mudanças climáticas, secas e energias renováveis."),
    "marta-costa": ("Marta Costa", "Epidemiologista", "Vacinação infantil e saúde pública no Brasil."),
    "pedro-alves": ("Pedro Alves", "Cientista político", "Eleições presidenciais e campanhas eleitorais."),
    "lucia-rocha": ("Lúcia Rocha", "Historiadora", "História das migrações e das nações lusófonas."),
}
"""Experts of a Portuguese directory (``write_portuguese_site``): slug -> name, headline, bio."""


ITALIAN_PROFILES = {
    "giulia-rossi": (
        "Giulia Rossi",
        "Economista",
        "Economia del lavoro, disoccupazione giovanile e politiche pubbliche.",
    ),
    "marco-bianchi": ("Marco Bianchi", "Climatologo", "Cambiamenti climatici, siccità ed energie rinnovabili."),
    "chiara-ricci": ("Chiara Ricci", "Epidemiologa", "Vaccinazioni infantili e sanità pubblica in Italia."),
    "luca-romano": ("Luca Romano", "Politologo", "Elezioni politiche e campagne elettorali in Europa."),
    "sara-conti": ("Sara Conti", "Storica", "Storia delle migrazioni e delle università italiane."),
}
"""Experts of an Italian directory (``write_italian_site``): slug -> name, headline, bio."""


DUTCH_PROFILES = {
    "sanne-de-vries": ("Sanne de Vries", "Econoom", "Arbeidsmarkt, werkloosheid en economische ongelijkheid."),
    "daan-jansen": ("Daan Jansen", "Klimaatwetenschapper", "Klimaatverandering, overstromingen en duurzame energie."),
    "lotte-bakker": ("Lotte Bakker", "Epidemioloog", "Coördinatie van vaccinaties en publieke gezondheid."),
    "bram-visser": ("Bram Visser", "Politicoloog", "Verkiezingen, politieke partijen en de Europese Unie."),
    "emma-smit": ("Emma Smit", "Historicus", "Geschiedenis van migratie en de Nederlandse steden."),
}
"""Experts of a Dutch directory (``write_dutch_site``): slug -> name, headline, bio."""


SWEDISH_PROFILES = {
    "anna-lindqvist": ("Anna Lindqvist", "Nationalekonom", "Arbetslöshet, löner och företagens villkor i Sverige."),
    "erik-johansson": ("Erik Johansson", "Klimatforskare", "Klimatförändringar, översvämningar och förnybar energi."),
    "sara-nilsson": ("Sara Nilsson", "Epidemiolog", "Vaccinationer och sjukvårdens beredskap."),
    "johan-berg": ("Johan Berg", "Statsvetare", "Valen och de politiska partierna i Norden."),
}
"""Experts of a Swedish directory (``write_nordic_site``): slug -> name, headline, bio."""

DANISH_PROFILES = {
    "mette-hansen": ("Mette Hansen", "Økonom", "Arbejdsløshed og økonomisk ulighed i Danmark."),
    "lars-nielsen": ("Lars Nielsen", "Klimaforsker", "Klimaforandringerne og oversvømmelser i København."),
    "sofie-jensen": ("Sofie Jensen", "Epidemiolog", "Vaccinationer og folkesundheden."),
    "anders-moller": ("Anders Møller", "Politolog", "Valget og de politiske partier."),
}
"""Experts of a Danish directory (``write_nordic_site``): slug -> name, headline, bio."""

NORWEGIAN_PROFILES = {
    "ingrid-hansen": ("Ingrid Hansen", "Samfunnsøkonom", "Arbeidsledighet og økonomisk ulikhet i Norge."),
    "ola-nordmann": ("Ola Nordmann", "Klimaforsker", "Klimaendringer og flom i Tromsø."),
    "kari-berg": ("Kari Berg", "Epidemiolog", "Vaksinasjon og folkehelsen."),
    "per-olsen": ("Per Olsen", "Statsviter", "Valgene og de politiske partiene."),
}
"""Experts of a Norwegian directory (``write_nordic_site``): slug -> name, headline, bio."""

RUSSIAN_PROFILES = {
    "anna-ivanova": ("Анна Иванова", "Экономист", "Рынок труда, безработица и экономическое неравенство."),
    "pyotr-smirnov": ("Пётр Смирнов", "Климатолог", "Изменение климата, наводнения и возобновляемая энергетика."),
    "olga-kuznetsova": ("Ольга Кузнецова", "Эпидемиолог", "Вакцинация детей и общественное здравоохранение."),
    "ivan-popov": ("Иван Попов", "Политолог", "Выборы, политические партии и миграция в Европе."),
}
"""Experts of a Russian directory (``write_site_in(root, "ru", RUSSIAN_PROFILES)``)."""

FINNISH_PROFILES = {
    "aino-virtanen": (
        "Aino Virtanen", "Taloustieteilijä", "Työttömyys, palkat, eriarvoisuus ja Suomen talous."
    ),
    "mikko-korhonen": (
        "Mikko Korhonen", "Ilmastotutkija", "Ilmastonmuutoksen vaikutukset talouden kasvuun, tulvat ja energia."
    ),
    "laura-nieminen": ("Laura Nieminen", "Epidemiologi", "Rokotteiden turvallisuus ja kansanterveys."),
    "juha-makinen": (
        "Juha Mäkinen", "Valtiotieteilijä", "Eduskuntavaalit, poliittiset puolueet ja maahanmuutto Euroopassa."
    ),
    "sanna-heikkinen": (
        "Sanna Heikkinen", "Historioitsija", "Helsingin yliopiston ja suomalaisten kaupunkien historia."
    ),
}  # fmt: skip
"""Experts of a Finnish directory (``write_site_in(root, "fi", FINNISH_PROFILES)``)."""

INDONESIAN_PROFILES = {
    "siti-rahayu": ("Siti Rahayu", "Ekonom", "Kebijakan perekonomian dan pekerjaan bagi kaum muda."),
    "budi-santoso": ("Budi Santoso", "Ahli iklim", "Perubahan iklim dan banjir di Jakarta."),
    "dewi-lestari": ("Dewi Lestari", "Ahli epidemiologi", "Kesehatan masyarakat dan vaksinasi."),
    "agus-wijaya": ("Agus Wijaya", "Ilmuwan politik", "Pemilihan umum, partai politik dan pendidikan pemilih."),
}
"""Experts of an Indonesian directory (``write_site_in(root, "id", INDONESIAN_PROFILES)``)."""

HINDI_PROFILES = {
    "priya-sharma": ("प्रिया शर्मा", "अर्थशास्त्री", "बेरोज़गारी, महंगाई और किसानों की आय।"),
    "rahul-verma": ("राहुल वर्मा", "जलवायु वैज्ञानिक", "जलवायु परिवर्तन, बाढ़ और नदियों का प्रबंधन।"),
    "anita-singh": ("अनीता सिंह", "महामारी विशेषज्ञ", "टीकाकरण और बच्चों का स्वास्थ्य।"),
    "vikram-gupta": ("विक्रम गुप्ता", "राजनीति वैज्ञानिक", "चुनावों, राजनीतिक दलों और लोकतंत्र पर शोध।"),
}
"""Experts of a Hindi directory (``write_site_in(root, "hi", HINDI_PROFILES)``)."""

NORDIC_PROFILES = {"sv": SWEDISH_PROFILES, "da": DANISH_PROFILES, "nb": NORWEGIAN_PROFILES}


MIXED_SPELLINGS = {
    "harriet-clarke": (
        "Harriet Clarke",
        "Paediatric oncology and tumour biology",
        "She leads the organisation's programme on childhood tumours and their behaviour.",
    ),
    "mason-reed": (
        "Mason Reed",
        "Pediatric oncology and tumor biology",
        "He directs the organization's program on childhood tumors and their behavior.",
    ),
    "oliver-hughes": (
        "Oliver Hughes",
        "Labour markets",
        "Minimum wages, trade unions and the modernisation of labour law.",
    ),
    "emma-brooks": ("Emma Brooks", "Urban planning", "Housing and transport in American cities."),
}
"""An English directory spelt both ways: two experts on the same work, one British, one American."""


def write_site_in(root: Path, language: str, profiles: dict[str, tuple[str, str, str]]) -> Path:
    """A directory written in ``language`` (site.language, which chooses the stemmer) of
    ``profiles`` (slug -> name, headline, bio), at ``root``."""
    (root / "experts").mkdir(parents=True)
    config = (REPO / "site.toml").read_text(encoding="utf-8")
    (root / "site.toml").write_text(config.replace('language = "en"', f'language = "{language}"', 1), encoding="utf-8")
    for slug, (name, headline, bio) in profiles.items():
        (root / "experts" / f"{slug}.yaml").write_text(
            f"name: {name}\ntitle: Professor\nheadline: {headline}\nbio: {json.dumps(bio, ensure_ascii=False)}\n"
            f"topics: [energy]\nlanguages: [{language}]\nreviewed: 2026-10-01\n",
            encoding="utf-8",
        )
    return root


def write_spanish_site(root: Path) -> Path:
    """A directory written in Spanish (site.language "es", so stemmed as Spanish) of the
    SPANISH_PROFILES, at ``root``."""
    return write_site_in(root, "es", SPANISH_PROFILES)


def write_french_site(root: Path) -> Path:
    """A directory written in French (site.language "fr", so stemmed as French) of the
    FRENCH_PROFILES, at ``root``."""
    return write_site_in(root, "fr", FRENCH_PROFILES)


def write_portuguese_site(root: Path) -> Path:
    """A directory written in Portuguese (site.language "pt-BR", so stemmed as Portuguese) of the
    PORTUGUESE_PROFILES, at ``root``."""
    return write_site_in(root, "pt-BR", PORTUGUESE_PROFILES)


def write_german_site(root: Path) -> Path:
    """A directory written in German (site.language "de", so stemmed as German) of the
    GERMAN_PROFILES, at ``root``."""
    return write_site_in(root, "de", GERMAN_PROFILES)


def write_italian_site(root: Path) -> Path:
    """A directory written in Italian (site.language "it", so stemmed as Italian) of the
    ITALIAN_PROFILES, at ``root``."""
    return write_site_in(root, "it", ITALIAN_PROFILES)


def write_dutch_site(root: Path) -> Path:
    """A directory written in Dutch (site.language "nl-BE", so stemmed as Dutch) of the
    DUTCH_PROFILES, at ``root``."""
    return write_site_in(root, "nl-BE", DUTCH_PROFILES)


def write_nordic_site(root: Path, language: str) -> Path:
    """A directory written in Swedish ("sv"), Danish ("da") or Norwegian Bokmål ("nb"), so stemmed
    as that language, of its NORDIC_PROFILES, at ``root``."""
    return write_site_in(root, language, NORDIC_PROFILES[language])


def index_name(address: str) -> str:
    """The name the page asks for an index file by ("t/6162.json", "meta.json"), from its output
    path or URL (under search/index/ and, but for meta.json, the index's folder:
    ``search_export.index_folder``); any other address as it is."""
    if ROOT not in address:
        return address
    rest = address.rsplit(ROOT, maxsplit=1)[-1]
    return rest if rest == META else rest.split("/", 1)[-1]


def index_named(files: Mapping[str, bytes]) -> dict[str, bytes]:
    """An exported index's files by their paths without the index's folder: "search/index/t/6162.json"."""
    return {ROOT + index_name(path): data for path, data in files.items()}


def copy_sample(root: Path) -> Path:
    """A copy of the repository's sample directory (experts/ and site.toml) at ``root``, to edit."""
    shutil.copytree(REPO / "experts", root / "experts")
    shutil.copy(REPO / "site.toml", root / "site.toml")
    return root


def write_photo(path: Path, size: tuple[int, int] = (240, 240), fmt: str = "PNG") -> None:
    """Write a small solid-colour image."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (120, 80, 200)).save(path, fmt)


@pytest.fixture(scope="session", autouse=True)
def private_build_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every test's build cache (CLI runs included) in a temporary folder, never the user's."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITEGEN_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture(autouse=True)
def collector_enabled() -> Iterator[None]:
    """Every test starts with the cyclic collector on, as a process does: ``sitegen check`` run
    in this process (``CliRunner``) turns it off for good, as it may in its own short process."""
    gc.enable()
    yield
    gc.enable()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium per test module."""
    from tests.browser import chromium

    with chromium() as running:
        yield running


@pytest.fixture
def make_site(tmp_path: Path) -> SiteFactory:
    """Build a site in a temporary folder: ``make_site(experts={"ana": "..."}, config=...)``."""

    def factory(
        experts: Mapping[str, str] | None = None,
        config: str = SITE_TOML,
        files: Mapping[str, bytes] | None = None,
        photo: bool = True,
    ) -> Path:
        root = tmp_path / "site"
        (root / "experts").mkdir(parents=True)
        (root / "site.toml").write_text(config, encoding="utf-8")
        for slug, text in (experts if experts is not None else {"ana-ruiz": PROFILE}).items():
            (root / "experts" / f"{slug}.yaml").write_text(text, encoding="utf-8")
        if photo:
            write_photo(root / "experts" / "photos" / "ana.png")
        for name, data in (files or {}).items():
            target = root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        return root

    return factory


def run_check(root: Path, today: dt.date = TODAY) -> CheckReport:
    """Check a site as of a fixed date."""
    return check_site(root, today)


def lines(report: CheckReport) -> list[str]:
    """Problems as ``path:line:col: severity: field: message [hint]`` strings."""
    out = []
    for p in report.problems:
        text = f"{p.path}:{p.line}:{p.column}: {p.severity.value}: {p.field}: {p.message}"
        if p.hint:
            text += f" [{p.hint}]"
        out.append(text)
    return out
