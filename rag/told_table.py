"""The table of what a question's wording asks a sentence to tell (:data:`TOLD_FOR_ASKED`), read by
:mod:`rag.told`: "What is Cambodia's national currency?" needs a currency, "How did Frederick
Barbarossa die?" a manner of death. A table, so a new wording is a row, not a function.
"""

from __future__ import annotations

import re

from rag.text import ORDINAL_WORDS

# a currency, by that word or a currency's name
_CURRENCY = (
    r"\bcurrenc|\bmoney\b|\bcoins?\b|[$€£¥₹₪]|\b(?:dollar|euro|pound|sterling|yen|yuan|renminbi|rupees?|"
    r"riel|shekel|dinar|dirham|franc|peso|real|reais|rand|r[ou]?ubles?|lira|lire|krona|krone|kronor|kroner|won|"
    r"baht|dong|kip|leu|lei|lev|z[lł]oty|forint|koruna|kuna|hryvnia|lari|dram|manat|tenge|som|rial|riyal|taka|"
    r"naira|cedi|shilling|kwacha|birr|ringgit|rupiah|kyat|afghani|guaran[ií]|bol[ií]var|col[oó]n|c[oó]rdoba|"
    r"quetzal|lempira|balboa|sol|soles|boliviano|gourde|florin|guilder|mark|drachma|escudo|peseta|ducat|"
    r"denarius|solidus|t[oö]gr[oö]g|pataca|ngultrum|rufiyaa|pula|kwanza|ariary|dalasi|leone|loti|lilangeni|"
    r"ouguiya|vatu|kina|tala)s?\b"
)

# a figure, in digits or words
_FIGURE = (
    r"(?<![^\W\d_])\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|half|dozens?)\b"
)

# What a question's wording asks a sentence to tell, beyond naming its subject: (the wording, what
# tells it). Each is one plain check of the sentence; a table, so a new one is a line, not a function.
TOLD_FOR_ASKED = tuple(
    (re.compile(asked, re.IGNORECASE), re.compile(told, re.IGNORECASE))
    for asked, told in (
        # "What was the original title of Ptolemy's Almagest?": the first title, which "based on the title of
        # her father Theon's commentary" does not tell
        # ("interpolated into Diophantus's original text" neither)
        (
            r"\boriginal (?:title|name)\b",
            r"\b(?:original(?:ly)?|first|initial(?:ly)?)\s+(?:[\w-]+\s+)?(?:title|name|entitled|titled|called|named"
            r"|known|published as)|\bentitled\b|\bformerly\b|\bbegan as\b",
        ),
        # "Which genus of the olive family recently became extinct?": an extinction ("the type species for its
        # genus, Olea" tells none)
        (r"\b(?:became|become|becomes|went|gone|is|was|are|were|now) (?:recently |now )?extinct\b",
         r"\bextinct|\bdied out\b|\bextirpat|\bno longer (?:exists?|survives?)\b"),
        # "What is Cambodia's national currency?": a currency, by that word or a currency's name
        (
            r"\bcurrenc(?:y|ies)\b",
            _CURRENCY,

        ),
        # "How (and where) did Frederick Barbarossa die?": the manner of a death, which "… until his death in
        # 1190" (its year; rag.events reads the event itself) does not tell
        (
            r"^\W*(?:(?:where|when) and )?how(?: and (?:where|when))? did .+? "
            r"(?:die|meet (?:his|her|their) (?:death|end))\b",
            # (each word whole: "the death penalty for most offenses" tells no "of")
            r"\b(?:died|dies|dying|death|deaths)\b(?:\W+[\w’'-]+){0,4}?\W+(?:(?:of|from|after|by|while|when|during|"
            r"following)\b|in (?:a|an|the|his|her|their|battle|combat|action|exile|prison|captivity|childbirth|"
            r"office)\b(?!\s*\d))|\b(?:killed|drowned|murder|assassinat|executed|execution|suicide|poison|shot|hanged|"
            r"hanging|behead|slain|stabbed|strangled|wounds?|succumbed|perished|crash|accident|illness|disease|"
            r"cancer|fever|plague|stroke|heart (?:attack|failure)|natural causes|martyr|burned at the stake|crucified|"
            r"overdose)",
        ),
        # "What is the Indus called in Tibet?": a name in a place, a tongue or by someone, which "The
        # Indus is a river of Asia" does not tell ("where it is known as …", "also called …", "the Indus or
        # Sindhu", "(Sindhu)" do); not "What is the dish of fried seafood called?", which a term answers
        # ("… deep-fried in a light batter, as tempura")
        (
            r"^\W*what (?:is|are|was|were|do|does|did) .+? (?:called|known as|referred to as|termed|call(?: it)?)"
            r" (?:in|by|among)\b",
            r"\bcall|\bknown\b|\bnam(?:e|es|ed|ing)\b|\bterm|\breferred\b|\bdubbed\b|\btitled?\b|\bnicknam"
            r"|\bstyled\b|\balias\b|\bor\b|\(",
        ),
        # "How many people die from seasonal influenza each year?": a yearly figure, which "an estimated
        # 500 million people had been infected" (of one pandemic) does not give
        (
            r"^\W*(?:(?:roughly|about|approximately|on average),? )?(?:how (?:many|much)|what (?:is|was) the "
            r"(?:number|amount))\b.*\b(?:(?:each|every|per|a) year|annually|yearly|per annum)\b",
            r"\b(?:each|every|per|an?|one) (?:year|annum)\b|\bannual(?:ly)?\b|\byearly\b|/\s?(?:yr|year)\b",
        ),
        # "To which virus family do influenza viruses belong?": a rank of kin, named by its word or by a
        # taxon's name ("the Echeneidae"), which "… caused by influenza viruses" does not give
        (
            r"^\W*(?:to )?(?:which|what) (?:[\w-]+ )?(?:family|genus|order|class|phylum|subfamily|clade)\b"
            r".*\bbelongs?\b",
            r"\b(?:famil|genus|genera|order|class|phyl|clade|tribe|taxon)"
            r"|(?-i:\b[A-Z][a-z]+(?:idae|inae|aceae|viridae|formes|phyta)\b)",
        ),
        # "What is the total volume of ice in the Greenland ice sheet?": a volume, which "The ice sheet covers
        # 1,710,000 square kilometres" (an area) does not give
        (
            r"^\W*what (?:is|was|are|were) (?:the |its )?(?:total |estimated |approximate |overall )?volume\b",
            r"\bcubic\b|\b(?:k?m|mi|ft)(?:3|³)|\blit(?:er|re)s?\b|\bgallons?\b|\bbarrels?\b|\bacre-f(?:ee|oo)t\b"
            r"|\bvolume\b",
        ),
        # "Where does the Horn of Africa rank in size among the world's peninsulas?": a rank, by an ordinal or
        # an extreme ("the fourth largest peninsula"), which "a large peninsula" does not give
        (
            r"^\W*(?:where|how (?:high|low)?)\b[^?]*\b(?:rank|ranks|ranked)\b|\b(?:what|which) "
            r"(?:is |was )?(?:its |the |their )?(?:rank|ranking|position) (?:of|among|in|does|did|is|was)\b",
            rf"\b(?:{'|'.join(ORDINAL_WORDS)}|\d+(?:st|nd|rd|th)"
            r"|top|leading|ranks?|ranked|ranking|number (?:one|\d+)|no\. ?\d+)\b|\b[a-z]{3,}est\b",
        ),
        # "Who was the first monarch of the Polish–Lithuanian Commonwealth?", "Who was the first Governor-General
        # of French Indochina?": an office, by its word or a ruler's, which "the First Indochina War … was fought
        # in French Indochina" does not name
        (
            r"^\W*who (?:was|is|were|became) (?:the )?(?:[\w-]+ )?(?:monarch|ruler|sovereign)s? of\b",
            r"\b(?:kings?|queens?|emperors?|empress|monarchs?|rulers?|reign\w*|ruled|ruling|sultans?|tsars?|czars?"
            r"|shahs?|pharaohs?|crowned|coronation|throne|khans?|caliphs?|princes?|princess|dukes?|sovereigns?)\b",
        ),
        (r"^\W*who (?:was|is|were|became) (?:the )?(?:[\w-]+ )?(?:governor|viceroy)", r"\bgovernor|\bviceroy"),
        # (a king, by that word: "the first emperor of the Holy Roman Empire" is no king of Germany)
        (
            r"^\W*who (?:was|is|were|became) (?:the )?(?:[\w-]+ )?king of\b",
            r"\bkings?\b|\bkingship\b|\bthrone\b|\bcrowned\b",
        ),
        (r"^\W*who (?:was|is|were|became) (?:the )?(?:[\w-]+ )?president of\b", r"\bpresiden"),
        (r"^\W*who (?:was|is|were|became) (?:the )?(?:[\w-]+ )?prime minister of\b", r"\bprime minister|\bpremier"),
        # "When did the last major cavalry charge in history take place?": a last one or an end, which "by 360
        # BC, the Greek cavalry officer Xenophon had written an extensive treatise" does not tell
        (
            r"\bthe last\b(?! (?:time|times|years?|weeks?|months?|days?|decades?|centur(?:y|ies)|few|two|three|several"
            r"|ice age)\b)",
            r"\b(?:last|final|finally|latest|ultimate|ultimately|end|ended|ending|ceased|until|till|abolish\w*|disband\w*"
            r"|no longer|conclu\w+|fell|fall|died|death|abdicat\w*|deposed|overthrown|ced(?:e|ed)|in favou?r of)\b",
        ),
        # "How often should adults get a dental cleaning?": a frequency, which "regular brushing" does not give
        (
            r"^\W*(?:and )?how (?:often|frequently)\b",
            r"\b(?:every|each|per|once|twice|thrice|times|daily|weekly|fortnightly|monthly|yearly|annually|hourly|"
            r"biennial\w*|seasonal\w*|(?:a|an) (?:day|week|month|year|decade|century))\b|\bfrequency\b"
            r"|/\s?(?:day|year)",
        ),
        # "What was Pol Pot's birth name?": a name at birth, which "Pol Pot was a Cambodian politician" does not give
        (
            r"\b(?:birth|real|original|maiden|given|full) name\b|\bname at birth\b|\bborn as\b",
            r"\bborn\b|\b(?:birth|real|original|given|full|maiden|stage|pen|baptismal) name|\bn[ée]e\b|\bnamed\b"
            r"|\bchristened\b|\bknown (?:professionally|popularly|better|mononymously|publicly) as\b"
            r"|\bknown by (?:his|her|their|the) (?:\w+ name|nickname)|\bbetter known (?:as|by)\b|\bpseudonym|\balias\b",
        ),
        # "What is the maximum annual rainfall …?": a limit, which "most of a region's average annual rainfall"
        # does not give
        (
            r"^\W*(?:what|which) (?:is|was|are|were) (?:the|its|their) (?:maximum|minimum)\b",
            r"\d|\b(?:maximum|minimum|at most|at least|up to|no more than|less than|fewer than|more than|exceed\w*"
            r"|under|over|below|above|limit\w*)\b",
        ),
        # "What does the name 'Synapsida' mean?": a meaning or an origin, which "Synapsida is a diverse group of
        # tetrapod vertebrates" does not give
        (
            r"\bwhat does the name\b.*\bmean\b|\bmeaning of the name\b",
            r"\bmean(?:s|ing|t)?\b|\bliteral|\bderiv|\btranslat|\bsignif|\bcomes? from\b|\bfrom (?:the )?(?:ancient )?"
            r"(?:greek|latin)|\bnamed (?:for|after)\b|\b(?:refers?|referring) to\b|[\"“‘]",
        ),
        # "What is the current global unemployment rate?": a figure, which "Unemployment is measured by the
        # unemployment rate" does not give
        (
            r"^\W*what (?:is|was) (?:the |its |their )?(?:[\w-]+ ){0,3}rate\b",
            r"\d|%|\bper ?cent\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|half|third|quarter|fifth)\b",
        ),
        # "What colour are the flowers of the parsnip plant?": a colour, which "… the flowering plant family
        # Apiaceae" does not give
        (
            r"^\W*(?:what|which) colou?rs? (?:is|are|was|were|do|does|did)\b",
            r"\b(?:red|orange|yellow|green|blue|purple|violet|white|black|brown|pink|grey|gray|cream|golden|gold|"
            r"silver|scarlet|crimson|colou?r\w*|hue|shade)",
        ),
        # "What did the Greek word behind 'character' originally mean?": a meaning, which "Derived from the
        # Ancient Greek word χαρακτήρ, the English word dates from the Restoration" does not give
        (
            r"^\W*what (?:does|did|do) .+? (?:originally |literally |actually )?mean\W*$|\bwhat is the (?:original "
            r"|literal )?meaning of\b",
            # ("The word mosquito is Spanish and Portuguese for little fly": a language's word for a thing)
            r"\bmean(?:s|t|ing)?\b|\bliterally\b|\btranslat|\bstands? for\b|\bstood for\b|[\"“‘«]|(?<!\w)'\w"
            r"|(?-i:[A-Z])[a-z]+ for\b",
        ),
        # "What is the typical kinetic energy of an alpha particle?", "At what blood alcohol concentration …?": a
        # measure, which "The symbol for the alpha particle is α" gives no figure of
        (
            r"^\W*(?:what (?:is|was|are|were) (?:the|its|their) (?:typical |average |usual |normal |maximum |minimum "
            r"|approximate )?(?:[\w-]+ ){0,2}?(?:length|width|height|depth|weight|mass|energy|speed|velocity|"
            r"temperature|concentration|pressure|voltage|frequency|wavelength|diameter|radius|density|wingspan|"
            r"lifespan|life expectancy|half-life|boiling point|melting point)\b|at what (?:[\w-]+ ){0,3}?"
            r"(?:concentration|temperature|pressure|speed|altitude|depth|height|age|level|rate)\b)",
            _FIGURE,
        ),
        # "How much prize money does each laureate receive?": an amount of money ("one of five people to have won
        # more than one Nobel Prize" counts winners; "won" there is no currency): a figure of money
        (
            r"\bprize money\b|\bhow much money\b",
            r"[$€£¥₹₪]\s?\d|\b\d[\d,.]*(?:\s+(?:thousand|million|billion))?\s+(?:US |U\.S\. )?(?:dollars?|euros?|"
            r"pounds|kronor|krona|crowns?|francs?|marks?|yen|yuan|rupees?)\b|\b(?:SEK|USD|EUR|GBP)\b",
        ),
        # "To which country did he flee when his regime collapsed?": a flight, which "the fall of the Assad regime
        # in December 2024" does not tell
        (r"\b(?:flee|fled)\b", r"\bfle[de]|\bflight\b|\bexile|\basylum|\bescap"),
        # "In which city did he start his education?": schooling, which "a descendant of the Fugger merchant family
        # located in … Augsburg" does not tell
        (
            r"\b(?:start|begin|began|begun|complete|finish|receive|continue)\w* (?:his|her|their) (?:formal )?"
            r"education\b|\bwhere (?:was|were) .+ educated\b",
            r"\beducat|\bstud(?:y|ied|ies|ent|ents)\b|\bschool|\bapprentic|\buniversit|\bcolleg|\btrain|\bacadem|"
            r"\btaught\b|\btutor|\bgraduat|\bdegree\b",
        ),
        # "After whom is the bel named?": a naming, which "one tenth of a bel" does not tell
        # ("nicknamed for its use of fists" and "named for its shape" ask what a name tells)
        (
            r"(?<!nick)\bnamed (?:after|in hono(?:u)?r of|for (?-i:[A-Z]))|\b(?:after|for) whom\b.*\bnamed\b",
            r"\bnam(?:e|es|ed|ing)\b|\bnicknam|\bhono(?:u)?r|\beponym|\bcalled\b|\bcommemorat|\bafter\b",
        ),
        # "Who is the author of the Ming novel Investiture of the Gods?": an authorship, which "… is a 16th-century
        # Chinese novel" (its names in transliteration are no author) does not tell
        (
            r"^\W*who (?:is|was|were|are) (?:the )?(?:[\w-]+ )?(?:author|writer)s? of\b"
            r"|^\W*who (?:wrote|authored|penned)\b",
            # (not "written during the Ming dynasty": the writing, not its writer)
            r"\bwr(?:ote|ites?)\b|\bwriters?\b|\bwritten by\b|\bauthor|\bpenned\b|\battribut|\bcompos|\bcompil"
            # "by the philosopher Thomas S. Kuhn", not "known by its Chinese titles"
            r"|(?<!known )\bby (?!(?:its|his|her|their)\b)(?:the )?(?:[a-z]+ ){0,2}(?-i:[A-Z])",
        ),
        # "How strong, in tesla, is the magnetic field of an MRI scanner?": a figure in the unit named between
        # commas, which "MRI scanners use strong magnetic fields" does not give
        (
            r"^\W*(?:how|what)\b[^?,]*,\s*in (?:square |cubic )?(?:teslas?|gauss|kilo\w+|\w*met(?:er|re)s|miles|feet|"
            r"\w*grams|tonnes|tons|pounds|degrees|celsius|fahrenheit|kelvin|years|hours|minutes|seconds|days|\w*volts|"
            r"\w*watts|\w*joules|\w*hertz|pascals|bars?|decibels|knots|percent|dollars|euros),",
            _FIGURE,
        ),
        # "What was the capital city of ancient Sogdiana?": a capital, which "Sogdiana was an ancient Iranian
        # civilisation located between the Amu Darya and the Syr Darya" does not name
        (
            r"^\W*(?:what|which \w+) (?:is|was|are|were) (?:the |its |their )?(?:\S+ )?capital(?: city)?"
            r"(?= of\b| and\b|\W*$)",
            r"\bcapital|\bseat of (?:government|power)\b|\bseat\b",
        ),
    )
)
