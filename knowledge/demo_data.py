"""Demo texts for the helpdesk, in the language of the seeds (Dutch)."""

# (topic, 2025 answered count) — reproduces the annual report 2025.
TOPICS_2025 = [
    ("Vrijstellingen", 92),
    ("Aanwezigheid en verzuim", 86),
    ("Wet politiegegevens", 81),
    ("Leerplicht en kwalificatieplicht", 62),
    ("Doorstroompunt en vsv", 48),
    ("Gegevensdeling en AVG", 41),
    ("Onderwijs en zorg / thuiszitters", 38),
    ("Verlof", 35),
    ("Thuisonderwijs en vrijstelling 5 onder b", 25),
]
EXTRA_TOPICS = ["Proces-verbaal en Halt", "Wet van school naar duurzaam werk (23-27 jaar)"]

# topic -> [(subject, question, answer, [legal sources])]
SAMPLES = {
    "Vrijstellingen": [
        (
            "Vrijstelling 5 onder a bij een jongere met een ernstige beperking",
            "Ouders vragen een vrijstelling op grond van artikel 5 onder a aan voor hun zoon van 14. "
            "Welke verklaring moet er liggen en wie beoordeelt die?",
            "Voor een vrijstelling op grond van artikel 5 onder a is een verklaring nodig van een door "
            "het college aangewezen arts, psycholoog of orthopedagoog-generalist. Die deskundige "
            "adviseert over de vraag of de jongere op lichamelijke of psychische gronden niet "
            "geschikt is om tot een school te worden toegelaten. Sinds 2020 moet de deskundige ook "
            "advies vragen aan het samenwerkingsverband. De leerplichtambtenaar toetst of de "
            "verklaring volledig is en gaat met ouders in gesprek over mogelijkheden voor "
            "ontwikkeling.",
            ["Leerplichtwet art. 5 onder a", "Leerplichtwet art. 7"],
        ),
        (
            "Vrijstelling 5 onder b: bedenkingen tegen de richting van scholen",
            "Een gezin beroept zich op 5 onder b omdat er geen school van hun richting in de buurt "
            "is. Mogen wij de vrijstelling weigeren?",
            "De leerplichtambtenaar kan de kennisgeving niet inhoudelijk weigeren: ouders leggen een "
            "verklaring af dat zij overwegende bedenkingen hebben tegen de richting van het onderwijs "
            "op alle scholen binnen redelijke afstand. U kunt wel nagaan of de kennisgeving op tijd "
            "(voor 1 juli) is gedaan en of het kind al eerder op een school van die richting stond "
            "ingeschreven. In dat geval geldt de vrijstelling niet.",
            ["Leerplichtwet art. 5 onder b", "Leerplichtwet art. 8"],
        ),
        (
            "Vrijstelling 5 onder c bij onderwijs in het buitenland",
            "Een leerling volgt onderwijs op een school in België. Moet er een vrijstelling worden "
            "aangevraagd?",
            "Ja. Een jongere die ingeschreven staat op een school buiten Nederland kan vrijstelling "
            "krijgen op grond van artikel 5 onder c. Ouders tonen jaarlijks aan dat de jongere de "
            "school regelmatig bezoekt, met een verklaring van de buitenlandse school.",
            ["Leerplichtwet art. 5 onder c"],
        ),
    ],
    "Aanwezigheid en verzuim": [
        (
            "Melding van ongeoorloofd verzuim: wanneer verplicht?",
            "Vanaf hoeveel uur ongeoorloofd verzuim moet een school melden bij leerplicht?",
            "Een school meldt ongeoorloofd verzuim van 16 uur of meer binnen een periode van vier "
            "lesweken via het verzuimregister van DUO. Ook bij minder verzuim kan een school melden "
            "als zij zich zorgen maakt; dat heet een zorgmelding. Werk vanuit aanwezigheid: vraag "
            "naar de oorzaak en zoek samen met school en ouders naar wat helpt.",
            ["Leerplichtwet art. 21a", "Regeling melding verzuim"],
        ),
        (
            "Luxeverzuim voor de zomervakantie",
            "Een gezin vertrekt een week voor de zomervakantie. Wat kan leerplicht doen?",
            "Dit is ongeoorloofd verzuim als de directeur geen verlof heeft verleend. De school meldt "
            "het verzuim; de leerplichtambtenaar kan een proces-verbaal opmaken. Ga na of er een "
            "werkgeversverklaring was en of verlof op grond van artikel 13a mogelijk was.",
            ["Leerplichtwet art. 13a", "Leerplichtwet art. 2"],
        ),
    ],
    "Wet politiegegevens": [
        (
            "Mag de leerplichtambtenaar politiegegevens inzien?",
            "Onze boa's willen weten of zij bij een proces-verbaal gegevens uit politiesystemen "
            "mogen gebruiken.",
            "Een leerplichtambtenaar met boa-status verwerkt politiegegevens onder de Wet "
            "politiegegevens (Wpg), artikel 8 en verder. Dat betekent een autorisatie per functie, "
            "logging en een bewaartermijn. Gegevens die voor de opsporing zijn verkregen mogen niet "
            "zonder grondslag voor de zorgtaak worden gebruikt.",
            ["Wet politiegegevens art. 8", "Besluit politiegegevens"],
        ),
    ],
    "Leerplicht en kwalificatieplicht": [
        (
            "Kwalificatieplicht na het behalen van een entreediploma",
            "Een jongere van 17 heeft een entreediploma. Is hij nog kwalificatieplichtig?",
            "Ja. Een entreediploma is geen startkwalificatie. De kwalificatieplicht geldt tot 18 jaar "
            "of tot het behalen van een startkwalificatie (havo, vwo of mbo niveau 2).",
            ["Leerplichtwet art. 4a"],
        ),
    ],
    "Doorstroompunt en vsv": [
        (
            "Taak van het Doorstroompunt voor jongeren van 23 tot 27 jaar",
            "Wat verandert er per 1 januari 2026 voor de doelgroep van het Doorstroompunt?",
            "Met de Wet van school naar duurzaam werk vallen ook jongeren van 23 tot 27 jaar zonder "
            "startkwalificatie die geen onderwijs volgen onder de regionale aanpak. Het Doorstroompunt "
            "neemt contact op, biedt begeleiding en werkt samen met onderwijs en werk.",
            ["Wet van school naar duurzaam werk", "RMC-wet art. 8"],
        ),
    ],
    "Gegevensdeling en AVG": [
        (
            "Gegevens delen met jeugdhulp zonder toestemming",
            "Mag leerplicht informatie over een thuiszitter delen met het wijkteam zonder "
            "toestemming van ouders?",
            "Alleen als er een wettelijke grondslag is en het delen noodzakelijk is. De AVG vraagt "
            "om doelbinding en dataminimalisatie. Bespreek het liefst eerst met ouders en jongere; "
            "leg vast welke gegevens met welk doel zijn gedeeld.",
            ["AVG art. 6", "Leerplichtwet art. 18"],
        ),
    ],
    "Onderwijs en zorg / thuiszitters": [
        (
            "Thuiszitter zonder passend aanbod",
            "Een leerling zit al drie maanden thuis. School en samenwerkingsverband komen er niet "
            "uit. Wat is de rol van leerplicht?",
            "Leerplicht bewaakt het recht op onderwijs en brengt partijen bij elkaar. Meld de situatie "
            "bij het samenwerkingsverband en de inspectie als er geen zicht op een plek is. Een "
            "proces-verbaal tegen ouders ligt niet voor de hand als zij geen verwijt treft.",
            ["Wet passend onderwijs", "Leerplichtwet art. 16"],
        ),
    ],
    "Verlof": [
        (
            "Verlof wegens gewichtige omstandigheden langer dan tien dagen",
            "Ouders vragen drie weken verlof voor een familiebezoek in het buitenland.",
            "Verlof van meer dan tien schooldagen wegens gewichtige omstandigheden beslist de "
            "leerplichtambtenaar, na advies van de directeur. Vakantie valt daar niet onder.",
            ["Leerplichtwet art. 14"],
        ),
    ],
    "Thuisonderwijs en vrijstelling 5 onder b": [
        (
            "Toezicht op thuisonderwijs",
            "Mogen wij huisbezoeken afleggen bij kinderen met een vrijstelling 5 onder b?",
            "De Leerplichtwet geeft geen bevoegdheid tot toezicht op de kwaliteit van thuisonderwijs. "
            "Een gesprek met ouders is wel mogelijk en vaak zinvol. Het wetsvoorstel over "
            "thuisonderwijs wil dit veranderen.",
            ["Leerplichtwet art. 5 onder b"],
        ),
    ],
}

# More items, so that the kennisbank holds a few dozen different answers (each once).
MORE_SAMPLES = {
    "Vrijstellingen": [
        (
            "Vrijstelling op grond van artikel 15 voor een kwalificatieplichtige jongere",
            "Een jongere van 17 volgt een programma bij een particuliere opleider. Kan hij "
            "vrijstelling van de kwalificatieplicht krijgen?",
            "Een kwalificatieplichtige jongere kan vrijstelling krijgen als hij een ander "
            "programma van onderwijs of vorming volgt dat de leerplichtambtenaar als voldoende "
            "aanmerkt. De jongere en de ouders dienen het verzoek in; de leerplichtambtenaar "
            "beoordeelt het programma en kan voorwaarden stellen, zoals een jaarlijkse "
            "verklaring van de opleider.",
            ["Leerplichtwet art. 15"],
        ),
        (
            "Vrijstellingen na een verhuizing naar een andere gemeente",
            "Een gezin met een vrijstelling op grond van artikel 5 onder a verhuist naar onze "
            "gemeente. Geldt de vrijstelling nog?",
            "Na de verhuizing is de leerplichtambtenaar van de nieuwe woongemeente aan zet. "
            "Vraag het dossier op bij de vorige gemeente en ga met de ouders in gesprek. Voor "
            "het volgende schooljaar doen de ouders de kennisgeving bij de nieuwe gemeente, met "
            "een actuele verklaring van de deskundige.",
            ["Leerplichtwet art. 5 onder a", "Leerplichtwet art. 7"],
        ),
    ],
    "Aanwezigheid en verzuim": [
        (
            "Te laat komen: wanneer is het ongeoorloofd verzuim?",
            "Een leerling komt bijna elke week te laat. Telt dat als verzuim?",
            "Ja, herhaald te laat komen is ongeoorloofd verzuim. Veel regio's hebben afspraken "
            "over wanneer de school in gesprek gaat met leerling en ouders en wanneer zij meldt "
            "bij leerplicht. Kijk vooral naar de oorzaak: wat houdt de leerling 's ochtends "
            "tegen?",
            ["Leerplichtwet art. 21a"],
        ),
        (
            "Schoolverzuim melden na een verhuizing",
            "Een leerling is uitgeschreven wegens een verhuizing, maar staat nergens anders "
            "ingeschreven. Wie onderneemt actie?",
            "De school meldt de uitschrijving. De leerplichtambtenaar van de nieuwe woongemeente "
            "gaat na of de leerling op een nieuwe school is ingeschreven. Is de nieuwe "
            "woonplaats onbekend, dan zoekt de vorige gemeente het adres via de Basisregistratie "
            "Personen.",
            ["Leerplichtwet art. 18", "Leerplichtwet art. 2"],
        ),
    ],
    "Wet politiegegevens": [
        (
            "Bewaartermijn van gegevens uit een proces-verbaal",
            "Hoe lang mogen wij de gegevens uit een opgemaakt proces-verbaal bewaren?",
            "Gegevens die een buitengewoon opsporingsambtenaar verwerkt voor de opsporing vallen "
            "onder de Wet politiegegevens, met de bewaartermijnen die daarin staan. Bewaar ze "
            "gescheiden van het leerplichtdossier en leg vast wie er toegang toe heeft.",
            ["Wet politiegegevens art. 8", "Wet politiegegevens art. 14"],
        ),
    ],
    "Leerplicht en kwalificatieplicht": [
        (
            "Inschrijving op een school na een verhuizing naar een andere gemeente",
            "Ouders verhuizen midden in het schooljaar naar een gemeente verderop. Moet het "
            "kind meteen op een nieuwe school?",
            "Ouders zorgen dat hun leerplichtige kind ingeschreven staat op een school en die "
            "geregeld bezoekt. Na een verhuizing mag het kind op de oude school blijven als de "
            "reisafstand dat toelaat; anders schrijven de ouders het in op een school in of bij "
            "de nieuwe gemeente. De leerplichtambtenaar van de nieuwe gemeente houdt toezicht.",
            ["Leerplichtwet art. 2", "Leerplichtwet art. 16"],
        ),
        (
            "Leerplicht van een kind van vijf jaar",
            "Vanaf wanneer is een kind leerplichtig, en mag het nog een dag per week thuisblijven?",
            "Een kind is leerplichtig vanaf de eerste schooldag van de maand na de vijfde "
            "verjaardag. Tot het zes jaar is, mag het na overleg met de directeur ten hoogste "
            "vijf uur per week thuisblijven, en met toestemming van de directeur nog vijf uur "
            "extra.",
            ["Leerplichtwet art. 3", "Leerplichtwet art. 11a"],
        ),
    ],
    "Doorstroompunt en vsv": [
        (
            "Startkwalificatie: welke diploma's tellen mee?",
            "Telt een vmbo-diploma als startkwalificatie?",
            "Nee. Een startkwalificatie is een diploma havo, vwo of mbo niveau 2 of hoger. Een "
            "jongere met alleen een vmbo-diploma is kwalificatieplichtig tot 18 jaar en valt "
            "daarna, zolang hij geen startkwalificatie heeft, onder de regionale aanpak van het "
            "Doorstroompunt.",
            ["Leerplichtwet art. 1", "RMC-wet art. 8"],
        ),
    ],
    "Gegevensdeling en AVG": [
        (
            "Gegevens uitwisselen tussen gemeenten na een verhuizing",
            "Mag de vorige gemeente het leerplichtdossier aan ons doorsturen nu het gezin bij "
            "ons woont?",
            "Ja, voor zover dat nodig is om de Leerplichtwet uit te voeren. Stuur alleen wat de "
            "nieuwe gemeente nodig heeft, via een beveiligde verbinding, en leg vast wat is "
            "gedeeld. Gemeenten in een regio maken hier vaak vaste afspraken over.",
            ["AVG art. 6", "Leerplichtwet art. 18"],
        ),
        (
            "Bewaartermijn van het leerplichtdossier",
            "Hoe lang bewaren wij de dossiers van jongeren die niet meer leerplichtig zijn?",
            "Bewaar een dossier niet langer dan nodig is voor het doel. Veel gemeenten hanteren "
            "een termijn van enkele jaren na het einde van de leerplicht of kwalificatieplicht; "
            "leg de termijn vast in het verwerkingsregister en vernietig daarna.",
            ["AVG art. 5", "Archiefwet"],
        ),
    ],
    "Onderwijs en zorg / thuiszitters": [
        (
            "Een aangepast rooster voor een leerling die vastloopt",
            "School wil een leerling tijdelijk halve dagen laten komen. Mag dat?",
            "Een tijdelijk aangepast rooster kan, als het onderdeel is van een plan om de "
            "leerling weer volledig naar school te laten gaan. Leg afspraken, duur en evaluatie "
            "vast en informeer de leerplichtambtenaar, die meekijkt of de terugkeer lukt.",
            ["Wet passend onderwijs"],
        ),
    ],
    "Verlof": [
        (
            "Verlof voor religieuze verplichtingen",
            "Een gezin vraagt vrij voor een religieuze feestdag. Hoe gaat dat?",
            "De leerling is vrijgesteld van schoolbezoek voor plichten die voortvloeien uit "
            "godsdienst of levensovertuiging. De ouders melden dat ten minste twee dagen van "
            "tevoren bij de directeur; toestemming is niet nodig.",
            ["Leerplichtwet art. 11 onder g"],
        ),
        (
            "Vakantieverlof vanwege het beroep van een ouder",
            "Een ouder werkt in de horeca en kan in geen enkele schoolvakantie weg. Kan het "
            "gezin buiten de vakanties op vakantie?",
            "De directeur kan eenmaal per schooljaar ten hoogste tien schooldagen verlof geven "
            "als het beroep van een ouder vakantie in de schoolvakanties onmogelijk maakt, met "
            "een werkgeversverklaring. Het verlof valt niet in de eerste twee weken van het "
            "schooljaar.",
            ["Leerplichtwet art. 13a"],
        ),
    ],
    "Thuisonderwijs en vrijstelling 5 onder b": [
        (
            "Kennisgeving 5 onder b na een verhuizing",
            "Een gezin met een vrijstelling 5 onder b verhuist naar onze gemeente. Moeten zij "
            "opnieuw een kennisgeving doen?",
            "De kennisgeving doen ouders bij het college van hun woongemeente, jaarlijks vóór "
            "1 juli. Na een verhuizing doen zij die bij de nieuwe gemeente. Vraag het dossier op "
            "bij de vorige gemeente en nodig de ouders uit voor een kennismaking.",
            ["Leerplichtwet art. 5 onder b", "Leerplichtwet art. 8"],
        ),
    ],
    "Proces-verbaal en Halt": [
        (
            "Halt-afdoening bij licht schoolverzuim",
            "Een leerling van 14 spijbelt af en toe. Is een proces-verbaal nodig?",
            "Niet altijd. Bij licht ongeoorloofd verzuim van een jongere vanaf 12 jaar kan de "
            "leerplichtambtenaar de jongere naar Halt verwijzen. De Halt-afdoening is een "
            "lesprogramma of een taak; wie die goed afrondt, krijgt geen strafblad.",
            ["Leerplichtwet art. 26", "Wetboek van Strafrecht art. 77e"],
        ),
        (
            "Proces-verbaal tegen de ouders of tegen de jongere?",
            "Een leerling van 15 verzuimt ondanks afspraken. Wie krijgt het proces-verbaal?",
            "Ouders zijn verantwoordelijk voor het schoolbezoek van hun kind. Een jongere vanaf "
            "12 jaar is daarnaast zelf verantwoordelijk; dan kan een proces-verbaal tegen de "
            "jongere worden opgemaakt, tegen de ouders of tegen beiden. Kies wat bijdraagt aan "
            "de terugkeer naar school.",
            ["Leerplichtwet art. 2", "Leerplichtwet art. 26"],
        ),
    ],
    "Wet van school naar duurzaam werk (23-27 jaar)": [
        (
            "Jongeren van 23 tot 27 jaar zonder startkwalificatie in beeld",
            "Welke gegevens krijgen gemeenten om jongeren van 23 tot 27 jaar te benaderen?",
            "Gemeenten krijgen, net als voor jongeren tot 23 jaar, gegevens van DUO over wie "
            "geen onderwijs volgt en geen startkwalificatie heeft. Het Doorstroompunt neemt "
            "contact op en biedt begeleiding naar onderwijs of werk; deelname is vrijwillig.",
            ["Wet van school naar duurzaam werk"],
        ),
    ],
}
for _topic, _samples in MORE_SAMPLES.items():
    SAMPLES.setdefault(_topic, []).extend(_samples)

# For `seed_demo --scale large`: thousands of items, each a different case of a sample.
CASE_SITUATIONS = [
    "bij een leerling in het speciaal onderwijs",
    "bij een jongere op het mbo",
    "in een gezin met meerdere kinderen",
    "na een schorsing",
    "bij een nieuwkomer",
    "bij een leerling in de brugklas",
    "bij een jongere met een zorgindicatie",
    "in een grensgemeente",
    "bij een leerling op een internationale school",
    "na een periode in het buitenland",
]

STANDARD_TEXTS = [
    (
        "Afsluiting",
        "Heb je nog vragen? Stel ze gerust via Mijn Ingrado.\n\nMet vriendelijke groet,"
        "\nDe experts van Ingrado",
    ),
    (
        "Verwijzing MAS",
        "Zie ook de Methodische aanpak schoolverzuim (MAS) voor de stappen die je kunt zetten.",
    ),
    (
        "Geen juridisch advies",
        "Dit antwoord is een algemene toelichting en geen juridisch advies "
        "in een individuele zaak.",
    ),
]

# What askers write with their rating (a remark is optional).
RATING_REMARKS_HELPFUL = [
    "Heel duidelijk, hier kan ik mee verder.",
    "Snel en volledig antwoord, dank je wel!",
    "Fijn dat de wetsartikelen erbij staan: die kan ik in mijn verslag gebruiken.",
    "Precies wat ik nodig had voor het gesprek met de ouders.",
    "Goed uitgelegd, ook waarom het zo geregeld is.",
]
RATING_REMARKS_UNHELPFUL = [
    "Het antwoord kwam pas na mijn zitting.",
    "Ik miste wat ik nu concreet moet doen.",
    "Niet helemaal mijn vraag: het ging om een leerling van 17.",
]
