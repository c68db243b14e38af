"""The strategic plan 2025-2030 and the 2025 results, from the seed documents."""

PLAN = {
    "title": "Samen kansen zien en waarmaken",
    "first_year": 2025,
    "last_year": 2030,
    "mission": "Iedere jongere heeft recht op onderwijs en ontwikkeling – daar maken wij werk van!",
    "core_values": "Bevlogen: we geloven in inclusief onderwijs voor en ontwikkeling van elke jongere. We kijken voorbij symptomen naar de echte leefwereld van jongeren en laten niemand vallen.\nVerbindend: wij zijn er voor al onze leden en daarmee voor alle jongeren voor wie het recht op onderwijs en ontwikkeling om bescherming vraagt.\nVoortvarend: we focussen op resultaat, maatwerk en de mensen waar het om gaat; flexibel en kritisch waar nodig, met een vooruitziende blik.",
    "introduction": "Ingrado is het kenniscentrum en de beroepsvereniging voor professionals die werken bij een leerplichtorganisatie of Doorstroompunt. Dit jaarverslag laat in vogelvlucht zien wat Ingrado heeft gedaan voor de leden.\n\nDe programma's dragen bij aan de drie speerpunten die Ingrado heeft benoemd in het strategisch plan 2025-2030. Binnen de programma's zijn er projecten met concrete doelen en resultaten. Dit jaarverslag toont per programma de stip op de horizon en een greep uit de resultaten van elk project in het afgelopen jaar.",
}

SPEERPUNTEN = [
    (
        "A",
        "Het recht op onderwijs en ontwikkeling van iedere jongere",
        "Ingrado jaagt de focus op aanwezigheid en het gebruik van data om effectieve interventies te identificeren aan op scholen waardoor uitval wordt voorkomen.\nIngrado ziet, samen met haar samenwerkingspartners, het belang van een Leerrechtwet en zet zich daarvoor in.\nIngrado draagt bij aan een eenduidige definitie van thuiszitters die uitgaat van leerrecht in plaats van leerplicht.\nIngrado draagt bij aan de realisatie van een flexibeler onderwijsaanbod, van voldoende onderwijsaanbod voor alle jongeren en van inclusief onderwijs.\nIngrado zet zich in voor meerdere manieren om te kwalificeren voor de arbeidsmarkt voor jongeren voor wie een startkwalificatie niet haalbaar is.\nIngrado ondersteunt Doorstroompunt-regio's, mbo-scholen en arbeidsmarktregio's om succesvol samen te werken bij de overgang van school naar de arbeidsmarkt.",
    ),
    (
        "B",
        "Een sterke en gewaardeerde beroepsgroep",
        "Ingrado draagt bij aan de borging van de ondersteunende rol van de leerplicht(recht)ambtenaar.\nHet Moreel kompas is geïmplementeerd in het werk van de leden en Ingrado heeft de wens verkend over de doorontwikkeling naar een Beroepscode.\nIngrado wordt gezien als een kenniscentrum waar leden in de Ingrado Academie werken aan hun beroepsvorming en geaccrediteerde bij- en nascholing volgen.\nDe MAS en de routekaart voor Doorstroompunt zijn doorontwikkeld vanuit de aanwezigheidsgedachte en geïmplementeerd in alle regio's.\nDe BES-eilanden zijn volwaardig lid van Ingrado.\nDe leden en iedereen die betrokken is bij de bescherming van het recht op onderwijs hebben toegang tot de kennis die Ingrado verzamelt.\nOnderwijs, samenwerkingspartners, ouders en jongeren kennen en gebruiken de expertise van leerplicht(recht)ambtenaren en doorstroomcoaches.",
    ),
    (
        "C",
        "Een verbonden en sterke vereniging",
        "Ingrado faciliteert een online community waar leden en andere professionals elkaar kunnen vinden, ervaringen kunnen delen en kennis kunnen opbouwen.\nIngrado betrekt, informeert en consulteert haar leden structureel zodat Ingrado een vereniging voor en door leden is.",
    ),
]

# number, name, theme, speerpunt letter, description, projects
# project: (name, description, eindresultaat 2030, [2025 highlights], [other 2025 results], [(value, label)])
PROGRAMMES = [
    (
        1,
        "Versterk de basis",
        "Leerrecht en aanwezigheid 18-",
        "A",
        "Door de verschuiving van denken en handelen vanuit leerplicht en verzuim naar leerrecht en aanwezigheid wordt ingezet op een duurzame systeemverandering. Deze verandering vraagt om aanpassing van wetgeving, werkwijzen en samenwerking in de keten. In dit programma wordt daarvoor de noodzakelijke basis gelegd.",
        [
            (
                "Van leerplicht naar leerrecht",
                "Werken aan een nieuwe wet die uitgaat van het recht op onderwijs en ontwikkeling.",
                "Ingrado ziet, samen met haar samenwerkingspartners, het belang van een nieuwe leerrechtwet en heeft zich daarvoor ingezet. Ingrado zorgt ervoor dat de ondersteunende rol van de leerrechtambtenaar wordt meegenomen bij het formuleren van een nieuwe wet.",
                [
                    "Notitie Op weg naar een nieuwe Leerplichtwet met inventarisatie van knelpunten in de huidige wetgeving.",
                    "Ondersteuning bij onduidelijkheid over vrijstelling 5 onder b: handreiking, webinar en onderzoeksrapport.",
                ],
                [
                    "Gesprekken met het ministerie van OCW over de uitwerking van het wetsvoorstel thuisonderwijs."
                ],
                [],
            ),
            (
                "Aanwezigheid centraal",
                "Van verzuim naar aanwezigheid, in de wet en in de praktijk.",
                "Dankzij de transitie van verzuim naar aanwezigheid is er een (meer) passend aanbod van onderwijs en ontwikkeling voor alle jongeren.",
                [
                    "From absence to attendance: onderzoek naar de wettelijke ontwikkelingen in andere landen op het gebied van leerrecht en aanwezigheid.",
                    "Een rapport over de veranderende rol van de leerplichtambtenaar, naar aanleiding van de cijfers uit de leerplichttelling.",
                    "Organisatie Nederlands Congres Schoolaanwezigheid met meer dan 550 deelnemers uit 18 landen en een uitgebreid verslag in een digitaal magazine (e-zine).",
                    "Training van 12 schoolaanwezigheidsteams en certificering van 27 professionals.",
                ],
                ["Bijdrage aan het landelijk kennisnetwerk schoolaanwezigheid."],
                [("550", "deelnemers congres"), ("18", "landen")],
            ),
            (
                "WEL in ontwikkeling",
                "Handelingsperspectief voor jongeren zonder inschrijving of met vrijstelling 5 onder a.",
                "Het gedachtegoed dat is voortgekomen uit het project is geborgd bij de leden van Ingrado en biedt zo een handelingsperspectief om jongeren zonder inschrijving en/of vrijstelling 5 onder a tot ontwikkeling te laten komen.",
                [
                    "Alle praktijkverhalen zijn verzameld en gedeeld in een eindrapportage en een interactieve praatplaat."
                ],
                [],
                [],
            ),
        ],
    ),
    (
        2,
        "Vind je plek",
        "Aanwezigheid op mbo en (leer)werkplek 18+",
        "A",
        "De kern van dit programma is het ondersteunen van jongeren bij het vinden en behouden van een duurzame plek in onderwijs, werk of betekenisvolle dagbesteding. De aandacht gaat hierbij vooral uit naar jongeren in het mbo en voortijdig schoolverlaters. In 2025 bereidde de sector zich voor op de inwerkingtreding van de Wet van school naar duurzaam werk op 1 januari 2026, waarmee jongeren van 23-27 jaar zijn toegevoegd aan de doelgroep van Doorstroompunten.",
        [
            (
                "Voortijdig schoolverlaten",
                "Doorstroompunten ondersteunen bij de regionale aanpak.",
                "Doorstroompunten zijn in staat om jongeren te begeleiden bij een goede overstap van school naar vervolgonderwijs, werk of betekenisvolle dagbesteding. Doorstroompunten werken succesvol samen in de regio aan de hand van een regionaal plan.",
                [
                    "Ontwikkeling van drie leergangen voor begeleiding beroepspraktijkvorming (BPV). De eerste leergang is in 2025 succesvol gelanceerd; de overige twee volgen in 2026.",
                    # "Dertien Doorstroompunt-regio's bezocht" and its figure are computed
                    # from the visits recorded in Bijeenkomsten (meetings.jaarverslag).
                ],
                ["Informatiebijeenkomsten over de Wet van school naar duurzaam werk."],
                [],
            ),
        ],
    ),
    (
        3,
        "Versterkt en zichtbaar vakmanschap",
        "Training en opleiding",
        "B",
        "De kwaliteit van begeleiding aan jongeren staat of valt met het vakmanschap van professionals. Ingrado zet zich daarom in om tot een beroepsgroep te komen die methodisch, ethisch onderbouwd en zichtbaar opereert binnen het sociaal domein, met structurele aandacht voor leren, reflectie en kennisdeling.",
        [
            (
                "Moreel kompas",
                "Ethisch handelen in het werk van de leden.",
                "Onderbouwd handelen, rekening houdend met de ethische kant in casuïstiek, is geïmplementeerd in het werk van de leden. Ingrado heeft de wensen van leden verkend met betrekking tot de doorontwikkeling van het Moreel Kompas naar een beroepscode.",
                [
                    "De bekendheid van leden met het Moreel Kompas vergroot door geregelde aandacht in de nieuwsbrief en in het IM.",
                    "Ethisch handelen is als vaste module opgenomen in de vierdaagse opleiding voor doorstroomcoaches.",
                    "Leden opgeleid tot trainers in ethisch handelen.",
                ],
                [],
                [],
            ),
            (
                "Academie",
                "Een integraal en herkenbaar opleidingsaanbod: de Ingrado Academie.",
                "Ingrado is hét kenniscentrum waar (beginnende) professionals op het gebied van leerplicht en Doorstroompunt werken aan hun beroepsvorming, en waar ze geaccrediteerde bij- en nascholing kunnen volgen.",
                [
                    "Op 24 september 2025 is de Ingrado Academie officieel gelanceerd, inclusief missie, visie, logo en slogan. De oprichting van de Academie markeert de overgang van losse bij- en nascholingsactiviteiten naar een integraal en herkenbaar opleidingsaanbod."
                ],
                ["Alle activiteiten geaccrediteerd in het Kwaliteitsregister Sociaal Domein."],
                [],
            ),
            (
                "Methodisch werken",
                "De Methodische aanpak schoolverzuim (MAS) en de routekaart Doorstroompunt.",
                "De Methodische aanpak schoolverzuim (MAS) en de Routekaart voor Doorstroompunt zijn doorontwikkeld vanuit de aanwezigheidsgedachte en geïmplementeerd in alle regio's.",
                [
                    "De MAS is in 2025 geactualiseerd, waardoor verwijzingen weer actueel en consistent zijn.",
                    "Leden gestimuleerd om methodisch te werken door deelname aan trainingen, voorlichtingsbijeenkomsten en implementatiesessies (zie Academie).",
                ],
                [],
                [],
            ),
            (
                "Kennis",
                "Vraag & Antwoord, kennisbank en kennisdeling.",
                "De leden van Ingrado en andere professionals die werken aan de bescherming van het recht op onderwijs en ontwikkeling van jongeren, hebben toegang tot kennis die Ingrado verzamelt. De leden van Ingrado delen deze kennis onderling.",
                [],
                ["Maandelijks webinar en wekelijks vragenuur."],
                [],
            ),
        ],
    ),
    (
        4,
        "Zichtbaar en vindbaar",
        "Positie en samenwerking",
        "B",
        "De effectiviteit van leerplicht en Doorstroompunt is mede afhankelijk van de mate waarin samenwerkingspartners, ouders en jongeren bekend zijn met de expertise en meerwaarde van deze beroepsgroepen. Ingrado werkt daarom aan een herkenbare, professioneel gepositioneerde en goed vindbare beroepsgroep binnen het sociaal domein, die actief wordt betrokken bij beleidsontwikkeling en uitvoering.",
        [
            (
                "Positionering en profilering",
                "De expertise van de beroepsgroep zichtbaar maken.",
                "Samenwerkingspartners, ouders en jongeren weten welke bijdrage leerplicht en Doorstroompunt leveren aan het recht op onderwijs en ontwikkeling en maken actief gebruik van hun expertise. Minimaal veertig procent van de leden van Ingrado is geregistreerd in het Kwaliteitsregister sociaal domein (KRSD), wat bijdraagt aan erkenning en professionaliteit.",
                [
                    "Rapport en documentaire die inzicht geven in het werk van Doorstroompunten en de drijfveren van voortijdig schoolverlaters (vsv).",
                    "Meegewerkt aan debat over leerplicht, onderdeel van 'Jongeren aan zet' van de Balie, en een webinar over schoolverzuim en thuiszitten, georganiseerd door Sardes in het kader van het Nationaal Programma Onderwijs.",
                ],
                [],
                [],
            ),
            (
                "Studenten kennen de beroepsgroep",
                "Kennismaking van hbo-studenten met het beroep.",
                "Studenten op hogescholen zijn enthousiast over en hebben kennis gemaakt met het beroep van leerplichtambtenaar en doorstroomcoach.",
                [
                    "Contact gelegd met vier aanbieders van de opleiding Sociaal juridische dienstverlening. Vervolgafspraken staan gepland voor 2026.",
                    "Een student aan de Hogeschool InHolland is afgestudeerd met een opdracht van Ingrado. Mede naar aanleiding van het onderzoek is de student in 2026 bij Ingrado aangesteld als juridisch medewerker.",
                ],
                [],
                [],
            ),
        ],
    ),
    (
        5,
        "Verbonden vereniging",
        "Voor en door leden",
        "C",
        "Actieve betrokkenheid van de leden voor Ingrado is essentieel om te kunnen bijdragen aan het recht op onderwijs en ontwikkeling van jongeren. Een verbonden vereniging zorgt ervoor dat de projecten van Ingrado de juiste kennis, instrumenten en ondersteuning opleveren en dat de leden die resultaten op een effectieve manier kunnen inzetten.",
        [
            (
                "Ledenbinding",
                "Informeren en betrekken van de leden.",
                "Leden zijn tevreden over en betrokken bij de activiteiten van Ingrado en voelen zich goed vertegenwoordigd op landelijk niveau.",
                [
                    "Twee fysieke magazines die breed zijn verspreid onder leden en samenwerkingspartners, een vlak voor de zomer en een voor de Kerst.",
                    "Lancering nieuwe website met meer oog voor gebruiksgemak, toegankelijkheid en actualiteit. Ook is de mobiele weergave verbeterd.",
                ],
                [],
                [],  # the newsletter figures are computed (communications.stats)
            ),
            (
                "Community",
                "Een (online) community voor en door leden.",
                "Ingrado faciliteert een (online) community waarin leden elkaar kunnen vinden, samen ervaringen kunnen uitwisselen en kennis kunnen opbouwen.",
                [
                    "Lancering online community ViaIngrado: digitale ontmoetingsplek waar leden elkaar kunnen vinden, inspireren en versterken.",
                    # The ALVs with their werkconferenties, the rayondagen and the kick-off
                    # are computed from Bijeenkomsten (meetings.jaarverslag), as are their
                    # dates in "2025 in vogelvlucht".
                ],
                [],
                [],
            ),
        ],
    ),
    (
        0,
        "Bedrijfsvoering",
        "Gezonde vereniging",
        None,
        "Een gezonde vereniging met een solide financiële basis, een professionele organisatie en goed werkgeverschap, zodat Ingrado de programma's kan uitvoeren.",
        [
            (
                "Gezonde vereniging",
                "Financiën, organisatie en personeel.",
                "Ingrado is een financieel gezonde en wendbare organisatie.",
                [],
                ["Jaarrekening 2024 goedgekeurd door de algemene ledenvergadering."],
                [],
            ),
        ],
    ),
]

# Year plans in the style of the jaarplan: per project the intended results (Resultaat)
# and the activities (Activiteit), for 2025 and 2026.
YEAR_PLANS = {
    "Van leerplicht naar leerrecht": {
        2025: (
            "Ingrado brengt de knelpunten in de huidige Leerplichtwet in kaart en agendeert een wet die uitgaat van leerrecht. Leden weten hoe zij moeten omgaan met vrijstelling 5 onder b.",
            "Notitie over een nieuwe Leerplichtwet; handreiking, webinar en onderzoek over vrijstelling 5 onder b; overleg met OCW, onderwijsraden en samenwerkingspartners.",
        ),
        2026: (
            "De ondersteunende rol van de leerrechtambtenaar is opgenomen in de uitgangspunten voor een nieuwe wet. Ingrado reageert op internetconsultaties op basis van de praktijk van de leden.",
            "Expertmeetings met leden over een leerrechtwet; schriftelijke reacties op consultaties; deelname aan landelijke overleggen over thuiszitten en vrijstellingen.",
        ),
    },
    "Aanwezigheid centraal": {
        2025: (
            "Scholen en leerplicht denken en handelen vanuit aanwezigheid in plaats van verzuim. Er zijn getrainde schoolaanwezigheidsteams en gecertificeerde professionals.",
            "Internationaal onderzoek From absence to attendance; rapport over de rol van de leerplichtambtenaar; Nederlands Congres Schoolaanwezigheid; training van schoolaanwezigheidsteams.",
        ),
        2026: (
            "Twintig nieuwe schoolaanwezigheidsteams werken met het MTSS-raamwerk; de opbrengsten van het congres zijn vertaald naar de praktijk van de leden.",
            "Trainingen en certificering van schoolaanwezigheidsteams; regionale bijeenkomsten over aanwezigheid; bijdrage aan het landelijk kennisnetwerk schoolaanwezigheid.",
        ),
    },
    "WEL in ontwikkeling": {
        2025: (
            "Het gedachtegoed van WEL in ontwikkeling is vastgelegd en gedeeld met de leden.",
            "Praktijkverhalen verzamelen; eindrapportage en interactieve praatplaat maken en verspreiden.",
        ),
        2026: (
            "Leden gebruiken het handelingsperspectief voor jongeren zonder inschrijving of met vrijstelling 5 onder a in hun werk.",
            "Implementatiesessies in de rayons; de praatplaat opnemen in het aanbod van de Academie.",
        ),
    },
    "Voortijdig schoolverlaten": {
        2025: (
            "Doorstroompunten zijn voorbereid op de Wet van school naar duurzaam werk en werken aan een regionaal programma.",
            "Ontwikkeling van drie leergangen begeleiding beroepspraktijkvorming; regiobezoeken; informatiebijeenkomsten over de nieuwe wet.",
        ),
        2026: (
            "Doorstroompunten begeleiden ook jongeren van 23 tot 27 jaar; alle regio's hebben een regionaal programma.",
            "Lancering van de tweede en derde BPV-leergang; advies aan regio's bij de uitvoering van de regionale programma's.",
        ),
    },
    "Moreel kompas": {
        2025: (
            "Leden kennen het Moreel Kompas en gebruiken het bij ethische afwegingen in casuïstiek.",
            "Aandacht in nieuwsbrief en IM; module ethisch handelen in de opleiding voor doorstroomcoaches; leden opleiden tot trainer.",
        ),
        2026: (
            "Ingrado heeft de wensen van de leden verkend over de doorontwikkeling van het Moreel Kompas naar een beroepscode.",
            "Ledenraadpleging over een beroepscode; trainingen ethisch handelen door de nieuwe trainers.",
        ),
    },
    "Academie": {
        2025: (
            "De Ingrado Academie is gelanceerd en biedt een integraal en herkenbaar opleidingsaanbod, met alle activiteiten beoordeeld met een 8 of hoger.",
            "Lancering van de Academie; trainingen, workshops en webinars; accreditatie in het Kwaliteitsregister Sociaal Domein.",
        ),
        2026: (
            "Het aanbod van de Academie groeit naar 30 activiteiten met alle activiteiten beoordeeld met een 8 of hoger.",
            "Twee nieuwe BPV-leergangen, trainersopleiding ethisch handelen, incompany-aanbod.",
        ),
    },
    "Methodisch werken": {
        2025: (
            "De Methodische aanpak schoolverzuim (MAS) is actueel en leden werken methodisch.",
            "Actualisatie van de MAS; trainingen, voorlichtingsbijeenkomsten en implementatiesessies.",
        ),
        2026: (
            "De MAS en de Routekaart Doorstroompunt zijn herschreven vanuit de aanwezigheidsgedachte.",
            "Werkgroep met leden; consultatie in de rayons; publicatie van de herziene MAS.",
        ),
    },
    "Kennis": {
        2025: (
            "Vragen van leden worden binnen vijf werkdagen beantwoord door experts. De kennisbank is actueel.",
            "Vraag & Antwoord, vragenuur, kennisbank bijhouden, kwartaalanalyse van de vragen.",
        ),
        2026: (
            "Vragen van leden worden binnen vijf werkdagen beantwoord door experts; de antwoorden worden gecontroleerd voordat ze worden verstuurd. Per kwartaal analyseren we de vragen.",
            "Vraag & Antwoord, vragenuur, kennisbank bijhouden, kwartaalanalyse.",
        ),
    },
    "Positionering en profilering": {
        2025: (
            "Samenwerkingspartners kennen het werk van leerplicht en Doorstroompunt.",
            "Rapport en documentaire over Doorstroompunten; bijdragen aan debatten en webinars van partners.",
        ),
        2026: (
            "Meer leden zijn geregistreerd in het Kwaliteitsregister sociaal domein (KRSD).",
            "Campagne over registratie in het KRSD; presentaties op congressen van partners.",
        ),
    },
    "Studenten kennen de beroepsgroep": {
        2025: (
            "Hogescholen kennen het beroep van leerplichtambtenaar en doorstroomcoach.",
            "Contact met opleidingen Sociaal juridische dienstverlening; afstudeeropdrachten aanbieden.",
        ),
        2026: (
            "Op vier hogescholen is een gastles over het beroep gegeven.",
            "Gastlessen samen met leden; stageplaatsen bij leden in beeld brengen.",
        ),
    },
    "Ledenbinding": {
        2025: (
            "Leden zijn goed geïnformeerd en betrokken bij Ingrado.",
            "Twee magazines, digitale nieuwsbrieven, een nieuwe website.",
        ),
        2026: (
            "Leden zijn tevreden over de informatie van Ingrado (ledenonderzoek).",
            "Ledenonderzoek; nieuwsbrieven en magazines; website uitbreiden met het ledenportaal.",
        ),
    },
    "Community": {
        2025: (
            "Er is een online community waar leden elkaar vinden; leden ontmoeten elkaar in de rayons.",
            "Lancering online community; twee algemene ledenvergaderingen met werkconferentie; rayondagen; kick-off rayoncontactpersonen.",
        ),
        2026: (
            "In elk rayon is een rayondag gehouden en de community is actief.",
            "Rayondagen in alle rayons; moderatie en activiteiten in de community.",
        ),
    },
    "Gezonde vereniging": {
        2025: (
            "Een sluitende begroting en een goedgekeurde jaarrekening.",
            "Financiële planning en control; verantwoording aan de algemene ledenvergadering.",
        ),
        2026: (
            "Een sluitende begroting en een wendbare organisatie.",
            "Begroting 2026; personeelsbeleid; vernieuwing van de ICT.",
        ),
    },
}

# Typed results and figures of 2025 that an older demo held and Bijeenkomsten now computes
# (meetings.jaarverslag): seed_demo removes them from a database seeded before, so the
# report does not say them twice.
COMPUTED_BY_MEETINGS_2025 = [
    "Dertien Doorstroompunt-regio's bezocht om te adviseren over de ontwikkeling van regionale programma's.",
    "Twee algemene ledenvergaderingen en bijbehorende werkconferenties, op 16 april en op 30 september.",
    "Twee rayondagen, in samenwerking met de rayoncontactpersonen: rayon Midden (20 maart) en rayon Zuid-Oost (6 november).",
    "Kick-off voor de rayoncontactpersonen.",
]
COMPUTED_FIGURES_BY_MEETINGS_2025 = [("13", "regio's bezocht")]

# The 2025 results that reached their year plan only in part (the others: achieved).
STATUS_2025 = {
    "Ontwikkeling van drie leergangen voor begeleiding beroepspraktijkvorming (BPV). De eerste leergang is in 2025 succesvol gelanceerd; de overige twee volgen in 2026.": "partly",
    "Contact gelegd met vier aanbieders van de opleiding Sociaal juridische dienstverlening. Vervolgafspraken staan gepland voor 2026.": "partly",
}

# The 2025 results staff marked for "2025 in vogelvlucht", with their dates (from the seed);
# the ALVs and rayondagen are added from Bijeenkomsten.
OVERVIEW_2025 = {
    "Op 24 september 2025 is de Ingrado Academie officieel gelanceerd, inclusief missie, visie, logo en slogan. De oprichting van de Academie markeert de overgang van losse bij- en nascholingsactiviteiten naar een integraal en herkenbaar opleidingsaanbod.": (
        2025,
        9,
        24,
    ),
}

# What staff wrote for the public version of 2025 (demo texts).
EDITION_2025 = {
    "foreword": "2025 was het eerste jaar van ons strategisch plan Samen kansen zien en waarmaken. Met de leden hebben we gewerkt aan de verschuiving van leerplicht naar leerrecht en van verzuim naar aanwezigheid, en aan een beroepsgroep die gezien wordt.\n\nDe lancering van de Ingrado Academie in september was een mijlpaal: bij- en nascholing is nu één herkenbaar aanbod. Vraag & Antwoord bleef de plek waar leden elkaar en onze experts vinden.\n\nDank aan alle leden, rayoncontactpersonen en samenwerkingspartners die dit jaar mogelijk maakten. Daar maken wij werk van!",
    "foreword_signed_by": "Petra Hoekstra",
    "foreword_signatory": "chair",
    "financial_summary": "Ingrado sloot 2025 af binnen de begroting. De contributie van de leden is de belangrijkste bron van inkomsten; projectsubsidies maakten het congres en de leergangen mogelijk. De jaarrekening 2025 wordt in het voorjaar van 2026 aan de algemene ledenvergadering voorgelegd.",
    "cover_image_alt": "Illustratie: vlakken in de kleuren van de vijf programma's.",
    "cover_image_credit": "Ingrado",
}

QUOTES_2025 = [
    (
        "Via Vraag & Antwoord had ik binnen een paar dagen een onderbouwd antwoord op een lastige vrijstellingsvraag.",
        "Sanne de Vries",
        "leerplichtambtenaar, Gemeente Amersfoort",
    ),
    (
        "De rayondag gaf me nieuwe ideeën en collega's die ik nu gewoon even bel.",
        "Rachid El Amrani",
        "doorstroomcoach, Gemeente Zwolle",
    ),
]
