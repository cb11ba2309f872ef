"""How a wordfreq token is spelt and capitalised in its language.

wordfreq case-folds everything: Greek final sigma becomes σ, German ß becomes ss, and
names, places, brands and German nouns lose their capital. `respell` undoes the folding,
`cased` restores the capital from Faker's name and country lists plus the lists here.
"""

from __future__ import annotations

import functools
import re

from synthesis.text_rendering.text.faker_locales import faker_list, lorem_words
from synthesis.text_rendering.text.languages import LANGUAGES


def respell(raw: str, lang: str) -> str:
    """`raw` with the letters wordfreq's case folding changed put back."""
    if lang == "el":
        raw = re.sub("σ(?=$|[^\\w])", "ς", raw)  # wordfreq case-folds final sigma to σ
    if lang == "de":
        raw = _german_eszett(raw)
    return raw


def cased(raw: str, lang: str) -> str:
    """`raw` (respelled, lower case) as the language capitalises it."""
    proper = _proper_nouns(lang)
    if raw in proper:
        return proper[raw]
    for stem, capitalised, endings in _PROPER_STEMS.get(lang, ()):
        if raw.startswith(stem) and raw[len(stem):] in endings:
            return capitalised + raw[len(stem):]
    if lang == "en":
        if raw == "i" or raw.startswith("i'"):
            return "I" + raw[1:]
    if lang == "de":
        return _german_case(raw)
    return raw


@functools.cache
def _proper_nouns(lang: str) -> dict[str, str]:
    """wordfreq's lower-case token -> its capitalised spelling, for names and places."""
    lang_obj = LANGUAGES[lang]
    if lang_obj.script not in ("latin", "cyrillic", "greek"):
        return {}
    locale = lang_obj.faker_locale
    names: list[str] = []
    # Vietnamese given names are ordinary words (Phúc, Lan, Minh); city lists are full of
    # ordinary words too (Italian towns Meta, Fosse), so only countries and US states.
    if lang != "vi":
        for attribute in ("first_names", "first_names_female", "first_names_male"):
            names += faker_list(locale, "person", attribute)
    names += faker_list(locale, "address", "countries")
    if lang == "en":
        names += faker_list(locale, "address", "states")
    common = lorem_words(locale) | frozenset(_NOT_PROPER.get(lang, "").split())
    out = {}
    for name in names:
        if " " not in name and "-" not in name and name[:1].isupper() and name.lower() not in common:
            out[name.lower()] = name
    for name in _PROPER.get(lang, "").split():
        out[name.lower()] = name
    if lang_obj.script == "latin":
        for name in _BRANDS.split():
            if lang != "en" or name not in ("Windows", "Amazon"):
                out[name.lower()] = name
    if lang == "es":  # patronymic surnames (Sánchez, Pérez) are never common words
        for name in faker_list(locale, "person", "last_names"):
            if name.endswith("ez") and " " not in name:
                out[name.lower()] = name
    return out


_BRANDS = "Instagram Windows Facebook YouTube Google Twitter iPhone WhatsApp Netflix Android Microsoft Samsung TikTok Spotify Amazon"


# Words that Faker lists as names but that are common words of the language.
_NOT_PROPER = {
    "en": "will may mark bill rose grace hope joy faith dawn art frank pat sue ray guy rich page love summer "
    "autumn crystal amber ruby heather holly ivy jade angel chance hunter lane chase gay cash major king miles "
    "drew rock sky river rain star dean early young case north west",
    "fr": "rose claire grace france",
    "es": "rosa luz paz sol mar pilar gracia",
    "it": "rosa luce sole stella bella gloria grazia serena vera",
    "pt": "rosa luz paz glória graça vera",
    "de": "rose",
    "vi": "",
}
# Proper nouns and nouns spelled with a capital that Faker's lists miss.
_PROPER = {
    "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June July "
    "August September October November December English American British French German Chinese Russian "
    "Indian Japanese European African Italian Spanish Canadian Asian Irish Scottish Australian Mexican "
    "Korean Arab Arabic Jewish Muslim Christian Catholic Christmas Easter God Jesus Christ Bible Americans "
    "London Paris Chicago Boston Sydney Manchester Hollywood Washington England Europe Africa Asia America "
    "Britain Scotland Ireland Wales Internet Smith Jones Johnson Williams Wilson Miller Davis Lewis Harris "
    "Walker Houston York",
    "de": "Deutschland Österreich Schweiz Europa Frankreich Russland China Italien Spanien Polen Türkei Israel "
    "Japan Syrien Afrika Amerika England Griechenland Ukraine Ungarn Schweden Island Großbritannien Bayern "
    "Sachsen Hessen Baden Württemberg Brandenburg Niedersachsen Westfalen Rhein Berlin München Hamburg Wien "
    "Köln Frankfurt Stuttgart Leipzig Hannover Dresden Bremen Düsseldorf Dortmund Nürnberg Münster Bonn Mainz "
    "Freiburg Augsburg Karlsruhe Mannheim Salzburg Zürich Paris London Rom Moskau Washington Gott Jesus "
    "Müller Schmidt Schulz Meyer Wagner",
    "fr": "Paris France Europe Québec Canada Londres Lyon Marseille Bruxelles Belgique Suisse Allemagne Espagne "
    "Italie Russie Chine Japon Afrique Amérique Angleterre Bordeaux Toulouse Dieu Jésus Noël",
    "es": "España Madrid Barcelona México Argentina Colombia Chile Perú Venezuela Cuba Brasil Francia Europa "
    "América Alemania Italia China Rusia Londres París Valencia Sevilla Dios Jesús Navidad Iglesias Torres "
    "Morales Rivera Mendoza Rojas Castillo",
    "it": "Italia Roma Milano Napoli Torino Firenze Venezia Bologna Genova Sicilia Europa Francia Germania "
    "Spagna Russia Cina Londra Parigi America Dio Gesù Natale Rossi Bianchi Ferrari",
    "pt": "Brasil Portugal Lisboa Rio Paulo Europa América Angola França Espanha Alemanha China Londres Paris "
    "Deus Jesus Natal Silva Santos Oliveira Souza Sousa Pereira Ferreira Rodrigues Alves Gomes Carvalho "
    "Ribeiro Almeida Martins Mendes Barbosa Fernandes Araújo Cardoso Teixeira Gonçalves Monteiro Moreira "
    "Nascimento Machado Vieira Andrade Lopes Marques Cunha Melo Borges",
    "vi": "Việt Nam Hà Nội Sài Gòn Trung Quốc Mỹ Pháp Nhật Hàn Đức Anh Nga",
    "ru": "Медведев Иванов Москва Европа Германия Франция Китай Япония Италия Англия Америка Украина Крым Бог Киев Интернет",
    "uk": "Київ Україна Європа Польща Німеччина Франція Америка Львів Одеса Харків Бог",
    "el": "Ελλάδα Αθήνα Θεσσαλονίκη Ευρώπη Κύπρος Τουρκία Γερμανία Γαλλία Ιταλία Αμερική Κρήτη Θεός Χριστός",
}
# Inflected place names: lower-case stem, its capitalised spelling, and the case endings that
# make the noun (the adjectives built on the same stem are lower case: "российский", "українських").
_A_DECL = ("а", "ы", "е", "у", "ой")
_YA_DECL = ("я", "и", "ю", "ей")
_UK_A_DECL = ("а", "и", "і", "у", "ою")
_EL_A_DECL = ("α", "ας")
_EL_I_DECL = ("η", "ης")
_PROPER_STEMS = {
    "ru": (("росси", "Росси", _YA_DECL), ("москв", "Москв", _A_DECL), ("украин", "Украин", _A_DECL),
           ("европ", "Европ", _A_DECL), ("америк", "Америк", ("а", "и", "е", "у", "ой")),
           ("германи", "Германи", _YA_DECL), ("франци", "Франци", _YA_DECL), ("япони", "Япони", _YA_DECL),
           ("итали", "Итали", _YA_DECL), ("англи", "Англи", _YA_DECL), ("грузи", "Грузи", _YA_DECL),
           ("петербург", "Петербург", ("", "а", "е", "у", "ом")), ("киев", "Киев", ("", "а", "е", "у", "ом"))),
    "uk": (("україн", "Україн", _UK_A_DECL), ("київ", "Київ", ("",)), ("києв", "Києв", ("а", "і", "ом")),
           ("європ", "Європ", _UK_A_DECL), ("росі", "Росі", ("я", "ї", "ю", "єю")), ("польщ", "Польщ", ("а", "і", "у", "ею")),
           ("львів", "Львів", ("",)), ("львов", "Львов", ("а", "і")), ("харків", "Харків", ("",)),
           ("харков", "Харков", ("а", "і")), ("одес", "Одес", _UK_A_DECL), ("дніпр", "Дніпр", ("о", "а", "і"))),
    "el": (("ελλάδ", "Ελλάδ", _EL_A_DECL), ("αθήν", "Αθήν", _EL_A_DECL), ("θεσσαλονίκ", "Θεσσαλονίκ", _EL_I_DECL),
           ("ευρώπ", "Ευρώπ", _EL_I_DECL), ("κύπρ", "Κύπρ", ("ος", "ου", "ο")), ("τουρκί", "Τουρκί", _EL_A_DECL),
           ("γερμανί", "Γερμανί", _EL_A_DECL), ("γαλλί", "Γαλλί", _EL_A_DECL), ("ιταλί", "Ιταλί", _EL_A_DECL),
           ("αμερικ", "Αμερικ", ("ή", "ής")), ("κρήτ", "Κρήτ", _EL_I_DECL), ("χριστ", "Χριστ", ("ός", "ού", "ό", "έ"))),
}


# German ----------------------------------------------------------------------------------

def _german_eszett(word: str) -> str:
    """Undo wordfreq's case folding of ß to ss where German spells ß (after long vowels)."""
    if "ss" not in word:
        return word
    word = re.sub("(ei|ie|eu|äu)ss", r"\1ß", word)
    word = re.sub("^(dr)?auss(e[nr])", r"\1auß\2", word)  # außen, außer(dem), draußen
    word = re.sub("äuss", "äuß", word)
    for wrong, right in _GERMAN_SS_STEMS:
        word = word.replace(wrong, right)
    return word


_GERMAN_SS_STEMS = (
    ("gross", "groß"), ("grösse", "größe"), ("grösst", "größt"), ("grösser", "größer"), ("strass", "straß"),
    ("spass", "spaß"), ("fuss", "fuß"), ("mässig", "mäßig"), ("gemäss", "gemäß"), ("süss", "süß"),
    ("grüss", "grüß"), ("bloss", "bloß"), ("massnahm", "maßnahm"), ("stoss", "stoß"), ("schloss", "schloss"),
)


def _german_case(word: str) -> str:
    """German nouns are capitalised; wordfreq lower-cases everything."""
    if word in _GERMAN_NOUNS or any(
        word.endswith(suffix) and len(word) >= len(suffix) + 3 for suffix in _GERMAN_NOUN_SUFFIXES
    ):
        return word[:1].upper() + word[1:]
    # Plural/case forms (Jahre, Hauses); not -en/-n, which would also capitalise verbs (aufbauen).
    for ending in ("e", "er", "ern", "es", "s"):
        if word.endswith(ending) and word[: -len(ending)] in _GERMAN_NOUNS:
            return word[:1].upper() + word[1:]
    return word


_GERMAN_NOUN_SUFFIXES = ("ung", "ungen", "heit", "heiten", "keit", "keiten", "schaft", "schaften", "tion", "tionen",
                         "tät", "täten", "ismus", "nis", "nisse", "ment", "ments", "tur", "ik", "ie", "ien")
_GERMAN_NOUNS = frozenset(
    """
    zeit mensch menschen leben jahr tag mann frau stadt welt leute kind kinder geld teil arbeit frage fall art seite
    spiel liebe land platz geschichte euro familie haus bild minute minuten polizei unternehmen woche grund name
    namen problem nacht stand stunde stunden thema beispiel schule essen abend dank hand musik wasser ort auto kopf
    männer person gesellschaft anfang eltern mutter augen auge gruppe million millionen artikel folge glück herr
    hilfe politik sache film internet regierung richtung team buch ding dinge prozent sohn stelle wort bereich
    mädchen vater zukunft form idee wahl wert freund freunde kosten ziel angst erfolg krieg lage rolle kirche
    blick meinung partei moment video raum system möglichkeit rahmen stück höhe job sommer titel tochter wohnung
    zahl kunst mitarbeiter sprache weise bad band chance fehler menge meter sicherheit spieler gefühl medien
    saison antwort bahn gesicht monat monate vergleich entscheidung gedanke gedanken gemeinde herz nähe sinn daten
    foto interesse kultur könig luft lösung reihe stimme boden bruder fußball kritik opfer region situation
    wirtschaft bevölkerung firma kreis körper mitglied mitglieder nachricht nachrichten punkt rede typ verein
    ausbildung beginn ergebnis freundin licht markt politiker recht rechte regel staat bedeutung hälfte programm
    schüler text verbindung zeitung ahnung bürger erfahrung kampf kraft projekt präsident sport zimmer druck liste
    wochenende kunde kunden schritt unterstützung verfügung angebot bett gefahr linie natur schuld wahrheit
    mannschaft ordnung reich satz aufgabe chef dollar lehrer runde schluss serie bank beitrag gebäude gesetz hotel
    zug bewegung ehe erde flüchtlinge gewalt gold nummer reise sieg tür universität verhalten besuch bildung post
    rest ruhe werk begriff bericht fenster freiheit verfahren zeichen freude leistung plan versuch vertrag
    zusammenhang angaben arzt grenze grenzen hund sicht zeitpunkt anzahl bau hintergrund karte lust meister sonne
    tier tiere volk handy kaffee kontakt laden mittel position schloss schutz studium unterschied wagen winter
    kollege kollegen leid quelle studie technik tisch union urlaub werbung amt betrieb bier club einfluss gebiet
    gericht himmel jahrhundert jugend patient patienten teilnehmer energie hoffnung kilometer version wald
    abschluss basis gespräch partner party qualität richter schaden tor aktion anteil beziehung funktion haut
    inhalt kontrolle rücken soldat soldaten vergangenheit vertrauen zustand dame damen diskussion künstler
    literatur organisation sekunde sekunden umgebung wunsch wünsche zusammenarbeit geburtstag gegensatz insel netz
    prozess schwester zuhause autor dienst eindruck feuer halle interview kamera praxis preis preise szene telefon
    wetter album demokratie flughafen krankenhaus mund osten verkehr verlag armee auftrag ausland behandlung dorf
    herbst konzept professor rat spiegel spitze test tour verantwortung weg wege blut bürgermeister büro farbe
    führung garten gegner gast gäste heimat industrie leitung lied liga mehrheit waffe waffen westen bus fernsehen
    finale general kaiser leiter meer park theater traum verwendung wirkung anlage ausgabe baby brief fahrt kauf
    kommentar landkreis modell museum produkt produkte religion urteil veranstaltung vertreter verwaltung angriff
    forschung grundlage karriere material polizist polizisten seele strom unfall ausstellung erklärung frieden
    gelegenheit geschäft lauf milliarden strecke wind zentrum öffentlichkeit alternative aussage fahrer gesundheit
    hof mama presse produktion radio sendung song wand wissenschaft wunder bahnhof bedarf bedingung bedingungen ecke
    einführung generation küche schiff stiftung beruf computer finger fleisch geist stein verhältnis zweifel
    alkohol bund ebene erinnerung handel hinweis institut kurs lager norden reaktion student studenten zuschauer
    zweck aufmerksamkeit ball breite dienstag gegend holz kommission länge risiko sorge stil stimmung tatsache täter
    wein besucher darstellung feld gewinn information kino nase original pause prinzip prüfung regen tradition
    training tätigkeit umwelt vorstellung vorteil weihnachten wille willen abstand antrag anwendung baum berg bühne
    fischer haar haare parlament respekt schuh schuhe analyse aufnahme auftritt behörde behörden brücke förderung
    glas konzert nachbar nachbarn publikum rechnung sammlung service standard streit theorie umgang verkauf
    verständnis beschreibung charakter gang gerät realität republik termin witz zugang eis einrichtung experte
    experten fan gegenteil kategorie krankheit nutzer nutzung papier pflanze pflanzen sitz ton verlauf wechsel
    ansicht aufbau bein beine chancen design keller staffel untersuchung anhänger anlass dach dauer einheit
    gewicht hersteller minister niveau philosophie software süden unterricht vorschlag widerstand wolf zentrale
    abteilung adresse ausnahme fläche hauptstadt medizin mission nachmittag pass pflicht ruf zeug zeuge zeugen
    beweis droge drogen geschenk kommunikation leser manager mühe rang revolution schauspieler temperatur
    wettbewerb besitz einstellung fahrzeug figur flucht formel griff integration maschine mut phase ring
    teilnahme übersetzung ausdruck bewohner debatte ei eier forum gas geschmack journalist journalisten mord personal
    restaurant schmerz schmerzen schwierigkeit spur standort boot gemeinschaft marke musiker schlaf schnitt silber
    smartphone status tasche aktie aktien anwalt auswirkung engel eigenschaft haltung krise methode milch strafe
    sturm tipp zeitraum zustimmung abschnitt alltag auflage einwohner frühstück geburt hass kern kreuz nerv nerven
    planung schatten schicksal stern tiefe unternehmer ursache verbrechen änderung übersicht arbeitgeber besitzer
    feuerwehr flug katze kraft kräfte messer nachfolger oma operation pfarrer pflege profil rückkehr sender sieger
    statistik stress tausend umfeld weltkrieg arbeiter botschaft fahrrad festival gelände geschwindigkeit herkunft
    hochzeit humor initiative kanal kuchen lächeln variante zeitschrift augenblick bord kombination motor
    niederlage ohr ohren papst rand station verbot vorstand vortrag absicht begründung direktor eintritt flugzeug
    gefängnis hals hunger kleidung königin landschaft lehre menschheit papa trend verfassung viertel vorbereitung
    zufall bescheid bezirk brand engagement hölle koch landwirtschaft schnee stoff studio summe tee therapie
    verband vogel fluss freundschaft heim herstellung hose kapitel klima klinik konto motto nachfrage prinz
    strand strategie struktur stufe stärke brot tür zeile straße jahren frauen zeiten leuten seiten fragen
    wochen sachen ideen themen regeln folgen mädchen
    """.split()
)
