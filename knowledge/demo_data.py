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
