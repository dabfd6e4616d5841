"""The stemmer a site's language chooses, and each one: Snowball's algorithm on folded letters."""

from __future__ import annotations

from pathlib import Path

import pytest
import Stemmer
from whoosh.lang.porter2 import stem as whoosh_porter2
from whoosh.lang.snowball.danish import DanishStemmer
from whoosh.lang.snowball.dutch import DutchStemmer
from whoosh.lang.snowball.finnish import FinnishStemmer
from whoosh.lang.snowball.french import FrenchStemmer
from whoosh.lang.snowball.german import GermanStemmer
from whoosh.lang.snowball.italian import ItalianStemmer
from whoosh.lang.snowball.norwegian import NorwegianStemmer
from whoosh.lang.snowball.portugese import PortugueseStemmer
from whoosh.lang.snowball.russian import RussianStemmer
from whoosh.lang.snowball.spanish import SpanishStemmer
from whoosh.lang.snowball.swedish import SwedishStemmer

from sitegen.build import build_site
from sitegen.search import STEMS, folded_value
from sitegen.stem_french import french
from sitegen.stem_german import german
from sitegen.stem_italian import italian
from sitegen.stem_portuguese import portuguese
from sitegen.stem_spanish import spanish
from sitegen.stemming import ENGLISH, SHARED_SCRIPT, STEMMERS, stemmer_of, stemmer_scripts
from sitegen.templating import theme_dir
from tests.conftest import SPANISH_PROFILES, TODAY, write_site_in

SNOWBALL = SpanishStemmer().stem
GERMAN_SNOWBALL = GermanStemmer().stem
FRENCH_SNOWBALL = FrenchStemmer().stem
PORTUGUESE_SNOWBALL = PortugueseStemmer().stem
ITALIAN_SNOWBALL = ItalianStemmer().stem
DUTCH_SNOWBALL = DutchStemmer().stem


@pytest.mark.parametrize(
    ("language", "stemmer"),
    [
        *[("es", "spanish"), ("es-MX", "spanish"), ("ES-419", "spanish"), ("de", "german"), ("de-AT", "german")],
        *[("fr", "french"), ("fr-CA", "french"), ("pt", "portuguese"), ("pt-BR", "portuguese")],
        *[("it", "italian"), ("it-CH", "italian"), ("nl", "dutch"), ("nl-BE", "dutch"), ("NL", "dutch")],
        *[("sv", "swedish"), ("sv-FI", "swedish"), ("da", "danish"), ("no", "norwegian"), ("nb", "norwegian")],
        *[("nn", "norwegian"), ("nb-NO", "norwegian"), ("ru", "russian"), ("ru-UA", "russian")],
        *[("fi", "finnish"), ("fi-FI", "finnish"), ("FI", "finnish"), ("fin", ENGLISH), ("fit", ENGLISH)],
        *[("id", "indonesian"), ("id-ID", "indonesian"), ("ms", ENGLISH), ("ind", ENGLISH)],
        *[("hi", "hindi"), ("hi-IN", "hindi"), ("hin", ENGLISH)],
        *[("en", ENGLISH), ("en-GB", ENGLISH), ("eu", ENGLISH), ("dek", ENGLISH), ("nld", ENGLISH)],
    ],
)
def test_a_site_s_language_chooses_its_stemmer(language: str, stemmer: str) -> None:
    assert stemmer_of(language) == stemmer


def test_every_stemmer_a_language_chooses_is_the_index_s_and_has_the_page_s_scripts() -> None:
    for stemmer in STEMMERS.values():
        assert stemmer in STEMS
        shared, own = stemmer_scripts(stemmer)
        assert shared == SHARED_SCRIPT and (theme_dir() / shared.removeprefix("/")).is_file()
        text = (theme_dir() / own.removeprefix("/")).read_text("utf-8")
        assert f"window.sitegenStemmers.{stemmer} = " in text  # loaded after snowball.js, which it may use


def test_only_a_stemmer_other_than_english_s_has_scripts_of_its_own() -> None:
    assert stemmer_scripts(ENGLISH) == ()  # in search.js
    assert stemmer_scripts("spanish") == ("/assets/stem/snowball.js", "/assets/stem/spanish.js")
    assert stemmer_scripts("german")[1] == "/assets/stem/german.js"


def test_a_site_publishes_only_its_own_stemmer_s_scripts(tmp_path: Path) -> None:
    """The theme holds every language's stemmer; a Spanish site publishes Spanish's (and what the
    stemmers share), an English one none, and a build after the language changed drops the last's."""
    root = write_site_in(tmp_path / "site", "es", SPANISH_PROFILES)
    stem = root / "_site" / "assets" / "stem"
    build_site(root, None, TODAY)
    assert sorted(path.name for path in stem.iterdir()) == ["snowball.js", "spanish.js"]
    (root / "templates" / "assets" / "stem").mkdir(parents=True)  # a site's own file there is no stemmer's
    (root / "templates" / "assets" / "stem" / "glossary.js").write_text("/* the site's own */\n", "utf-8")
    build_site(root, None, TODAY)
    assert sorted(path.name for path in stem.iterdir()) == ["glossary.js", "snowball.js", "spanish.js"]
    (root / "templates" / "assets" / "stem" / "glossary.js").unlink()
    assert len(list((theme_dir() / "assets" / "stem").iterdir())) > 2
    config = root / "site.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('language = "es"', 'language = "nb"'), "utf-8")
    build_site(root, None, TODAY)
    assert sorted(path.name for path in stem.iterdir()) == ["norwegian.js", "snowball.js"]
    config.write_text(config.read_text(encoding="utf-8").replace('language = "nb"', 'language = "en"'), "utf-8")
    build_site(root, None, TODAY)
    assert not stem.exists()
    assert (root / "_site" / "assets" / "search.js").is_file()


def stems(words: str) -> set[str]:
    return {spanish(folded_value(word)) for word in words.split()}


@pytest.mark.parametrize(
    "forms",
    [
        "migración migraciones migracion MIGRACIÓN",
        "económico económica económicos economistas economista",
        "política políticas político políticos",
        "vacunación vacunaciones vacunas vacuna vacunar",
        "investigadora investigador investigadores investigadoras",
        "comunicación comunicaciones",
        "tecnológica tecnológico tecnológicos",
        "secretaria secretario secretarias",  # "aria" folded is no verb ending here
        "soltera soltero",
        "historia historias",
        "negocio negocios",
        "panadería panaderías",
        "evolución evoluciones",
        "haciéndola haciendola hacer",  # a pronoun after a gerund, accented or not
        "trabajar trabajaba trabajamos trabajaron",
    ],
)
def test_a_word_s_forms_share_a_stem_accented_or_not(forms: str) -> None:
    assert len(stems(forms)) == 1, {word: spanish(folded_value(word)) for word in forms.split()}


def test_different_words_keep_different_stems() -> None:
    groups = ["migración", "economía", "política", "vacunación", "historia", "negocio", "secretario", "taxi"]
    assert len(stems(" ".join(groups))) == len(groups)
    assert spanish("taxi") == "taxi"  # "í" is no ending here: "i" would take taxi's off
    assert spanish("crisis") == "crisis"  # nor "ís"


@pytest.mark.parametrize(
    "word",
    [
        *["comunicaciones", "migraciones", "amablemente", "activamente", "felicidades", "posibilidad"],
        *["creativas", "nacionalismo", "periodistas", "organizadoras", "importancias", "tolerante"],
        *["comprarlas", "dandole", "construyendo", "arguyendo", "averiguaron", "comiendoselo", "cantaremos"],
        *["vivieseis", "hablasteis", "corrieron", "yendo", "oyeron", "huyeron", "ingles", "guerra", "seguir"],
        *["apoyo", "cayeron", "a", "en", "mar", "rio", "aereo", "oido", "oigo", "ir", "ve"],
    ],
)
def test_a_word_without_accents_is_stemmed_as_snowball_stems_it(word: str) -> None:
    """On a word with no accent (none of its suffixes folded), this is Snowball's own algorithm."""
    assert spanish(word) == SNOWBALL(word)


@pytest.mark.parametrize(
    "word",
    [
        *["migración", "comunicación", "vacunación", "investigación", "tecnológica", "políticas", "evolución"],
        *["haciéndola", "diciéndoles", "comiéndoselo", "dándole", "rápidamente", "lógicamente", "bebiéramos"],
    ],
)
def test_an_accented_word_folded_is_stemmed_as_snowball_stems_it_whole(word: str) -> None:
    """Snowball's accented suffixes ("ación", "logía", "ería", a gerund's "iéndo" before a pronoun)
    are found on the folded word as Snowball finds them on the word."""
    assert spanish(folded_value(word)) == folded_value(SNOWBALL(word))


@pytest.mark.parametrize(
    "forms",
    [
        "Märkte Markt Märkten markte Maerkte MAERKTEN",  # umlauts written out too (Snowball's "german2")
        "wirtschaftlich wirtschaftliche wirtschaftlichen Wirtschaft",
        "Forscher forschen Forschern",
        "Kenntnisse Kenntnis Kenntnissen",
        "Straße Strasse Straßen",
        "Klimawandel Klimawandels",
        "politische politischen politisch Politik",
        "Häuser Hauser Haeuser",
        "München Muenchen",
        "Quelle Quellen",  # "qu" + "e" is no written-out umlaut
        "Universität Universitäten",
        "Gesundheit gesund gesunde",
    ],
)
def test_a_german_word_s_forms_share_a_stem_with_umlauts_or_without(forms: str) -> None:
    words = forms.split()
    assert len({german(folded_value(word)) for word in words}) == 1, {w: german(folded_value(w)) for w in words}


@pytest.mark.parametrize(
    "word",
    [
        *["Bauern", "bauen", "Mauer", "Bayern", "Kenntnisse", "Ergebnissen", "Ernst", "Dienst", "Verdienst"],
        *["Wissenschaftlerinnen", "Forschung", "Zeitung", "verlassend", "Traurigkeit", "Herrlichkeit"],
        *["ehrlich", "Reinheit", "Ewigkeit", "Ahnlichkeit", "wichtigste", "schnellsten", "Erst", "Kunst"],
        *["ab", "es", "aus", "Iststand", "Landes", "Hauses", "Kindern", "Frauen", "nationalen", "a"],
    ],
)
def test_a_german_word_is_stemmed_as_snowball_stems_it(word: str) -> None:
    """On a word with no umlaut, this is Snowball's own German algorithm (whoosh's)."""
    assert german(folded_value(word)) == GERMAN_SNOWBALL(word.lower())


@pytest.mark.parametrize("word", ["Märkte", "Häuser", "Übersetzungen", "Straße", "Größe", "schön", "Bürgerinnen"])
def test_a_german_word_with_umlauts_folded_is_stemmed_as_snowball_stems_it_whole(word: str) -> None:
    """Snowball reads an umlaut as a vowel and removes it at the end: folded first, the same stem."""
    assert german(folded_value(word)) == folded_value(GERMAN_SNOWBALL(word.lower()))


@pytest.mark.parametrize(
    "forms",
    [
        "économie économique économiques économiste économistes ECONOMIE",
        "politique politiques",
        "vaccination vaccinations vaccins vaccin vacciner",
        "migration migrations",
        "élections élection",
        "université universités",
        "recherche recherches",
        "climatique climat climats",
        "journalistes journaliste journalisme",
        "énergie énergies",
        "internationales international internationaux",
        "premier première premiers premières",  # "é" is no verb ending here: "première" as "premier"
        "année années annee",
        "hôpital hôpitaux",
        "chercheuse chercheuses",
    ],
)
def test_a_french_word_s_forms_share_a_stem_accented_or_not(forms: str) -> None:
    words = forms.split()
    assert len({french(folded_value(word)) for word in words}) == 1, {w: french(folded_value(w)) for w in words}


def test_different_french_words_keep_different_stems() -> None:
    groups = ["économie", "politique", "climat", "énergie", "santé", "sécurité", "migration", "élection"]
    assert len({french(folded_value(word)) for word in groups}) == len(groups)


@pytest.mark.parametrize(
    "word",
    [
        *["nationalisation", "rapidement", "heureusement", "chercheurs", "continuellement", "gouvernement"],
        *["gouvernements", "ordinateurs", "internationaux", "capitaux", "beaux", "joyeuse", "joyeuses"],
        *["finissions", "finissaient", "parlaient", "mangeons", "porteraient", "ion", "tension", "nations"],
        *["question", "quelques", "yeux", "paye", "voyage", "abandonnement", "evidemment", "couramment"],
        *["actuellement", "positivement", "dramatiquement", "crayons", "ayant", "essayer", "jouer", "a"],
    ],
)
def test_a_french_word_without_accents_is_stemmed_as_snowball_stems_it(word: str) -> None:
    """On a word with no accent (none of its suffixes folded), this is Snowball's own French algorithm."""
    assert french(word) == FRENCH_SNOWBALL(word)


@pytest.mark.parametrize(
    "word",
    [
        *["université", "activités", "première", "premières", "économie", "sécurité", "société", "réalité"],
        *["énergétique", "événements", "qualité", "médecine", "santé", "théâtre", "possibilité", "fenêtre"],
    ],
)
def test_an_accented_french_word_folded_is_stemmed_as_snowball_stems_it_whole(word: str) -> None:
    """Snowball's accented suffixes ("ité", "ière") are found on the folded word as on the word."""
    assert french(folded_value(word)) == folded_value(FRENCH_SNOWBALL(word))


@pytest.mark.parametrize(
    "forms",
    [
        "economia económico econômico económica economistas economias",
        "política políticas político",
        "vacinação vacinações vacinas vacina vacinacao",
        "migração migrações migracoes",  # "-ões" read as "-ão": Snowball keeps them apart
        "eleições eleição",
        "universidade universidades",
        "pesquisadora pesquisador pesquisadores pesquisa",
        "climáticas climático",
        "responsável responsáveis",
        "informação informações",
    ],
)
def test_a_portuguese_word_s_forms_share_a_stem_accented_or_not(forms: str) -> None:
    words = forms.split()
    assert len({portuguese(folded_value(w)) for w in words}) == 1, {w: portuguese(folded_value(w)) for w in words}


@pytest.mark.parametrize(
    "word",
    [
        *["nacional", "rapidamente", "felizmente", "pesquisadores", "governamentais", "possibilidades"],
        *["organizacional", "naturalmente", "produtivas", "falaram", "comeram", "partiram", "falando"],
        *["conseguiram", "seguindo", "amigos", "cidades", "pensamento", "tradicionais", "a", "ou", "freire"],
    ],
)
def test_a_portuguese_word_without_accents_is_stemmed_as_snowball_stems_it(word: str) -> None:
    """On a word with no accent (none of its suffixes folded), this is Snowball's own Portuguese algorithm."""
    assert portuguese(word) == PORTUGUESE_SNOWBALL(word)


@pytest.mark.parametrize(
    "word",
    [
        *["vacinação", "informação", "político", "econômico", "saúde", "responsável", "possível", "falarão"],
        *["falávamos", "comíamos", "faláveis", "ciência", "importância", "você", "além", "países"],
    ],
)
def test_an_accented_portuguese_word_folded_is_stemmed_as_snowball_stems_it_whole(word: str) -> None:
    """Snowball's accented suffixes ("ação", "ável", "ência", "ávamos") are found on the folded word."""
    assert portuguese(folded_value(word)) == folded_value(PORTUGUESE_SNOWBALL(word))


@pytest.mark.parametrize(
    "forms",
    [
        "economia economista economisti economie Economia",
        "politica politiche politici politico",
        "vaccinazione vaccinazioni vaccino vaccini",
        "università universita",  # Snowball's "ità" folded
        "attività attivita attivi",
        "responsabilità responsabile responsabili",
        "libertà liberta",
        "siccità siccita",
        "numero numeri",  # "erò" folded is no verb ending here: "numero" keeps its "er"
        "pensiero pensieri",
        "ritiro ritiri",  # nor "irò"
        "bandiera bandiere",  # "erà" folded is: with "ere", a verb ending of Snowball's own
        "lavorerà lavorare lavoro",
        "migrazione migrazioni",
        "energia energie",
        "perché perche",
    ],
)
def test_an_italian_word_s_forms_share_a_stem_accented_or_not(forms: str) -> None:
    words = forms.split()
    assert len({italian(folded_value(w)) for w in words}) == 1, {w: italian(folded_value(w)) for w in words}


def test_different_italian_words_keep_different_stems() -> None:
    groups = ["economia", "politica", "numero", "pensiero", "università", "migrazione", "energia", "storia"]
    assert len({italian(folded_value(word)) for word in groups}) == len(groups)


@pytest.mark.parametrize(
    "word",
    [
        *["nazionalizzazione", "rapidamente", "attivamente", "possibilmente", "dandogli", "mangiarlo", "parlandone"],
        *["vederla", "sentirsi", "ricercatrice", "ricercatori", "abitazioni", "biologia", "biologie", "evoluzione"],
        *["conclusioni", "differenza", "cambiamento", "sentimenti", "creativo", "comunicativa", "ideologici"],
        *["parlavano", "finiscono", "capirebbero", "mangiammo", "quale", "acqua", "aiuole", "guai", "a", "io"],
        *["banche", "alberghi", "amiche", "giornalisti", "cassa", "vivendo", "partita", "capita", "auguri"],
    ],
)
def test_an_italian_word_without_accents_is_stemmed_as_snowball_stems_it(word: str) -> None:
    """On a word with no accent (none of its suffixes folded), this is Snowball's own Italian algorithm."""
    assert italian(word) == ITALIAN_SNOWBALL(word)


@pytest.mark.parametrize(
    "word",
    [
        *["università", "attività", "libertà", "responsabilità", "possibilità", "pubblicità", "città"],
        *["lavorerà", "cambierà", "studierà", "perché", "così", "però", "più", "parlò", "caffè"],
    ],
)
def test_an_accented_italian_word_folded_is_stemmed_as_snowball_stems_it_whole(word: str) -> None:
    """Snowball's accented suffixes ("ità", "erà", a final "à" ...) are found on the folded word."""
    assert italian(folded_value(word)) == folded_value(ITALIAN_SNOWBALL(word))


def test_an_italian_first_person_future_is_the_one_accented_ending_not_found_folded() -> None:
    """ "lavorerò" folded is "lavorero", read as a noun in "-ero" ("numero"): its ending stays."""
    assert folded_value(ITALIAN_SNOWBALL("lavorerò")) == "lavor"
    assert italian(folded_value("lavorerò")) == "lavorer"


@pytest.mark.parametrize(
    "word",
    [
        *["België", "ideeën", "coördinatie", "financiële", "reünie", "café", "Curaçao", "één", "zeeën"],
        *["economische", "overstromingen", "verkiezingen", "gezondheid", "werkloosheid", "mogelijkheden"],
        *["duurzame", "vriendelijk", "betaalbaar", "eetbaar", "lichamelijke", "koninkrijk", "lopend", "yoghurt"],
        *["mooiste", "haaien", "kippen", "gemeenten", "gemene", "ijzeren", "heden", "boeken", "huisjes", "jas"],
    ],
)
def test_a_dutch_word_folded_is_stemmed_as_snowball_stems_it_whole(word: str) -> None:
    """Snowball's Dutch takes the accents off its vowels itself: folded first, the same stem ("ç"
    and "è", which it keeps, folded after)."""
    assert STEMS["dutch"](folded_value(word)) == folded_value(DUTCH_SNOWBALL(word))


@pytest.mark.parametrize(
    "forms",
    [
        "economische economisch ECONOMISCH",
        "overstromingen overstroming",
        "verkiezingen verkiezing",
        "politieke politiek",
        "gezondheid gezond",
        "België belgie",
        "duurzame duurzaam",
    ],
)
def test_a_dutch_word_s_forms_share_a_stem_accented_or_not(forms: str) -> None:
    stems = {w: STEMS["dutch"](folded_value(w)) for w in forms.split()}
    assert len(set(stems.values())) == 1, stems


NORDIC = {"swedish": SwedishStemmer().stem, "danish": DanishStemmer().stem, "norwegian": NorwegianStemmer().stem}


@pytest.mark.parametrize(
    ("stemmer", "forms"),
    [
        ("swedish", "arbetslös arbetslösa arbetslöshet arbetslöst arbetslos"),  # "ö" is no s-ending here
        ("swedish", "forskare forskaren forskarna forskarnas"),
        ("swedish", "företag företagen företagens foretag"),
        ("swedish", "klimatförändringar klimatförändringarna klimatforandring"),
        ("swedish", "sjukvård sjukvården sjukvardens"),
        ("danish", "forskere forskeren forskerne forskernes"),
        ("danish", "økonomi økonomien okonomi"),
        ("danish", "sundhed sundheden sundhedens"),
        ("danish", "københavn københavns kobenhavn"),
        ("norwegian", "arbeidsløs arbeidsløse arbeidsløshet arbeidslos"),  # nor "ø"
        ("norwegian", "arbeidsledighet arbeidsledige arbeidsledig"),
        ("norwegian", "klimaendringer klimaendringene klimaendring"),
        ("norwegian", "økonomi økonomien okonomi"),
        ("norwegian", "valget valg valgene"),
    ],
)
def test_a_nordic_word_s_forms_share_a_stem_accented_or_not(stemmer: str, forms: str) -> None:
    stems = {w: STEMS[stemmer](folded_value(w)) for w in forms.split()}
    assert len(set(stems.values())) == 1, stems


@pytest.mark.parametrize(
    ("stemmer", "word"),
    [
        *[("swedish", w) for w in ["forskarna", "hemligheten", "kvinnorna", "springande", "ekonomiska", "fullt"]],
        *[("swedish", w) for w in ["skadligt", "arbetet", "valen", "sjukhusets", "barnens", "stockholms", "roligt"]],
        *[("danish", w) for w in ["forskerne", "sundheden", "lykkelig", "kærlighed", "politikken", "hurtigst"]],
        *[("danish", w) for w in ["hurtigste", "vigtigste", "kommunes", "mulighed", "landenes", "hoppe", "a"]],
        *[("norwegian", w) for w in ["forskerne", "helsen", "kjærlighet", "politikken", "vitenskapelig", "kjørte"]],
        *[("norwegian", w) for w in ["arbeidet", "kommunenes", "hetslov", "landene", "sykehusets", "bergens"]],
    ],
)
def test_a_nordic_word_folded_is_stemmed_as_snowball_stems_it(stemmer: str, word: str) -> None:
    """Without "ö" or "ø" before a final "s", this is Snowball's own algorithm, its stem folded
    ("kærlighed" keeps its "æ", a vowel to Danish and Norwegian)."""
    assert STEMS[stemmer](folded_value(word)) == folded_value(NORDIC[stemmer](word))


@pytest.mark.parametrize(
    ("stemmer", "word"),
    [
        ("swedish", "arbetslöst"),
        ("swedish", "vänligt"),
        ("danish", "håbløst"),
        ("danish", "løst"),
        ("norwegian", "løst"),
    ],
)
def test_a_nordic_suffix_with_an_accent_is_found_folded(stemmer: str, word: str) -> None:
    """Snowball's "löst" and "løst" (their "t" goes) are found on the folded word as "lost"."""
    assert STEMS[stemmer](folded_value(word)) == folded_value(NORDIC[stemmer](word))


def test_a_final_s_after_o_stays_in_swedish_and_norwegian_as_it_may_be_after_an_o_with_an_accent() -> None:
    assert NORDIC["swedish"]("arbetslös") == "arbetslös" and STEMS["swedish"]("arbetslos") == "arbetslos"
    assert NORDIC["swedish"]("bankkontos") == "bankkonto" and STEMS["swedish"]("bankkontos") == "bankkontos"  # the cost
    assert NORDIC["norwegian"]("arbeidsløs") == "arbeidsløs" and STEMS["norwegian"]("arbeidslos") == "arbeidslos"
    assert STEMS["danish"]("arbejdslos") == "arbejdslo"  # Danish keeps Snowball's: it parts fewer groups so


RUSSIAN_SNOWBALL = RussianStemmer().stem


@pytest.mark.parametrize(
    "forms",
    [
        "экономист экономисты экономистов экономиста",
        "выборы выборов выборах",
        "политический политической политическая политических",
        "миграция миграции миграцию",
        "здравоохранение здравоохранения",
        "вакцинация вакцинации",
        "Москва Москвы Москве",
        "ёлка елка ёлки",  # "ё" read as "е", as Snowball's prelude does
        "исследователь исследователи исследователей",
        "действующая действующий действующих",  # a participle before an adjective's ending
    ],
)
def test_a_russian_word_s_forms_share_a_stem(forms: str) -> None:
    stems = {w: STEMS["russian"](folded_value(w)) for w in forms.split()}
    assert len(set(stems.values())) == 1, stems


@pytest.mark.parametrize(
    "word",
    [
        *["экономисты", "выборах", "политической", "миграцию", "здравоохранения", "исследователей"],
        *["прочитав", "прочитавши", "прочитавшись", "сделавшись", "улыбнувшись", "купаться", "одевались"],
        *["красивейший", "длиннейшая", "стоимость", "сложность", "деревянный", "современный", "рассказывали"],
        *["говорила", "работают", "делаешь", "сделанные", "изучающий", "жизнь", "идти", "я", "в", "мысль"],
    ],
)
def test_a_russian_word_is_stemmed_as_snowball_stems_it(word: str) -> None:
    """Snowball's own algorithm (whoosh's; the analysis keeps "й" and folds "ё" to "е", as
    Snowball reads it)."""
    assert STEMS["russian"](folded_value(word)) == RUSSIAN_SNOWBALL(word)


@pytest.mark.parametrize(
    ("word", "stem", "whoosh"),
    [
        ("действующая", "действ", "действующ"),  # an adjective's "ая", then a participle's "ующ"
        ("гейшах", "гейш", "г"),  # "ейш" begins before RV
        ("изъят", "изъ", "изь"),  # "ъ" kept
    ],
)
def test_where_whoosh_s_russian_stemmer_errs_sitegen_s_follows_snowball(word: str, stem: str, whoosh: str) -> None:
    """whoosh's Russian stemmer (a port that reads words in Latin letters) errs on 46 of 60,000
    forms of hunspell-ru's list (BENCHMARKS.md); sitegen's follows Snowball's algorithm there."""
    assert RUSSIAN_SNOWBALL(word) == whoosh
    assert STEMS["russian"](word) == stem


FINNISH_SNOWBALL = Stemmer.Stemmer("finnish").stemWord


@pytest.mark.parametrize(
    "forms",
    [
        "tutkija tutkijat tutkijan tutkijoiden tutkijoita",
        "yliopisto yliopiston yliopistossa yliopistoon yliopistojen",
        "ilmastonmuutoksen ilmastonmuutoksesta ilmastonmuutokseen",
        "rokote rokotteet rokotteiden",
        "politiikka politiikan politiikassa",
        "työttömyyden työttömyydestä tyottomyydesta",
        "kansainvälisen kansainvälisissä kansainvalisen",
        "päätöksen päätöksiä paatoksia",
        "tekoäly tekoälyn tekoälyä tekoaly",
        "Helsingin Helsingissä helsingissa",
        "Suomen Suomessa Suomeen",
        "tyttö tyttöjä tyttöjen",  # folded, the "j" of "tyttoj" goes: Snowball's own parts them
    ],
)
def test_a_finnish_word_s_forms_share_a_stem_accented_or_not(forms: str) -> None:
    stems = {w: STEMS["finnish"](folded_value(w)) for w in forms.split()}
    assert len(set(stems.values())) == 1, stems


@pytest.mark.parametrize(
    "word",
    [
        *["tutkijoiden", "yliopistossa", "työttömyydestä", "kansainvälisissä", "päätöksiä", "äänestäjät"],
        *["talossani", "kirjassasi", "taloissamme", "kaupungissanne", "taloaan", "kädessään", "kotiinsa"],
        *["kirjakin", "talokaan", "onhan", "tuleeko", "mennäpä", "nopeasti", "taloon", "maahan", "tiehen"],
        *["huoneeseen", "taloihin", "kaupunkien", "talojen", "taloja", "kirjoina", "taloksi", "kirjatta"],
        *["suurimmat", "suurimpia", "parempi", "pommi", "kauneimmat", "lahjoja", "kukka", "jo", "a"],
    ],
)
def test_a_finnish_word_folded_is_stemmed_as_snowball_stems_it(word: str) -> None:
    """Snowball's Finnish reads "ä" and "ö" as it reads "a" and "o": given a word's folded
    letters, its own stemmer gives the word's stem folded (but for "öj" and "jö", below)."""
    assert STEMS["finnish"](folded_value(word)) == folded_value(FINNISH_SNOWBALL(word))


def test_folded_the_end_s_tidying_finds_oj_where_snowball_sees_oj_with_an_umlaut() -> None:
    assert folded_value(FINNISH_SNOWBALL("tyttöjä")) == "tyttoj" and FINNISH_SNOWBALL("tyttö") == "tytö"
    assert STEMS["finnish"]("tyttoja") == STEMS["finnish"]("tytto") == "tyto"


@pytest.mark.parametrize(
    ("word", "stem", "whoosh"),
    [
        ("bushin", "bush", "bushin"),  # "hin" after no "i": its "n" alone goes, and the "i" after
        ("joensuuhun", "joensu", "joensuuhu"),  # "hun", which whoosh's does not know
        ("puutarhan", "puutarh", "puutarhan"),  # "han" after no "a": its "n" goes
    ],
)
def test_where_whoosh_s_finnish_stemmer_errs_sitegen_s_follows_snowball(word: str, stem: str, whoosh: str) -> None:
    """whoosh's Finnish stemmer departs from Snowball's on 743 of wordfreq's 494,877 Finnish words
    (BENCHMARKS.md); sitegen's is Snowball's."""
    assert FinnishStemmer().stem(word) == whoosh
    assert STEMS["finnish"](folded_value(word)) == stem


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("international", "internal"),
        ("internationally", "interns"),
        ("organization", "organic"),
        ("organizations", "organ"),
        ("university", "universal"),
        ("universities", "universe"),
        ("emergency", "emerging"),
        ("lateral", "later"),
        ("paste", "past"),
        ("added", "ad"),
        ("evenings", "even"),
    ],
)
def test_english_words_whoosh_s_porter2_joined_keep_apart_stems(one: str, other: str) -> None:
    """Snowball's English begins R1 after "inter", "organ", "univers", "emerg", "later" and "past",
    keeps a short word's double letter and "evening" whole: words no reader takes for one another
    no longer share a stem, as they did with whoosh's Porter2."""
    assert whoosh_porter2(one) == whoosh_porter2(other)
    assert STEMS[ENGLISH](one) != STEMS[ENGLISH](other)


@pytest.mark.parametrize(
    "forms",
    [
        "epidemiologist epidemiologists epidemiology",
        "climatologist climatology climatologists",
        "psychologist psychology psychological",
        "international internationally",
        "organization organizations organized organizing",
        "university universities",
        "economists economist",
        "dying die dies",
        "vying vie",
    ],
)
def test_an_english_word_s_forms_share_a_stem(forms: str) -> None:
    stems = {w: STEMS[ENGLISH](w) for w in forms.split()}
    assert len(set(stems.values())) == 1, stems


@pytest.mark.parametrize(
    "forms",
    [
        "pekerjaan bekerja kerja dikerjakan",
        "kebijakan bijak kebijakannya",
        "pendidikan didik mendidik",
        "kesehatan sehat",
        "pemilihan pilih memilih dipilih",
        "belajar pelajar mengajar ajar",
    ],
)
def test_an_indonesian_word_s_forms_share_a_stem(forms: str) -> None:
    stems = {w: STEMS["indonesian"](w) for w in forms.split()}
    assert len(set(stems.values())) == 1, stems


def test_a_short_indonesian_word_keeps_its_affixes() -> None:
    """Snowball's Indonesian takes nothing off a word of two vowels or fewer ("makan", "dia")."""
    assert [STEMS["indonesian"](w) for w in ("makan", "dia", "ikan", "kamu")] == ["makan", "dia", "ikan", "kamu"]


@pytest.mark.parametrize(
    "forms",
    [
        "किसान किसानों",
        "चुनाव चुनावों",
        "बच्चा बच्चे बच्चों",
        "नदी नदियों नदियाँ",
        "लड़कियों लड़कियाँ लड़कियां",  # the vowel's nasal written either way
        "करता करते करना",  # "-ता", "-ते", "-ना" after a consonant
    ],
)
def test_a_hindi_word_s_forms_share_a_stem(forms: str) -> None:
    stems = {w: STEMS["hindi"](folded_value(w)) for w in forms.split()}
    assert len(set(stems.values())) == 1, stems


def test_a_hindi_ending_that_asks_for_a_consonant_stays_after_a_vowel_sign() -> None:
    """The ending "-ता" goes after a consonant ("करता": "कर"); after a vowel sign only its "ा" goes
    ("नेता", "leader", and "नेताओं" share "नेत")."""
    assert STEMS["hindi"]("करता") == "कर"
    assert STEMS["hindi"]("नेता") == STEMS["hindi"]("नेताओं") == "नेत"
