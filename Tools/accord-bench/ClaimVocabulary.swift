/// The material claims are made of: real treaties with their rules, and the
/// outlets, quotes and statement topics analysts meet in sources.
enum ClaimVocabulary {
    /// A treaty as a treaty claim registers it.
    struct Treaty {
        var code: String
        var title: String
        var entryIntoForce: String?
        /// `(rule, key, n)`: the rule word and its `months`/`days` count, if it takes one.
        var consent: (String, String?, Int)
        var withdrawal: (String, String?, Int)
        var url: String
        var outlet: String
    }

    static let realTreaties: [Treaty] = [
        Treaty(code: "CCM", title: "Convention on Cluster Munitions", entryIntoForce: "2010-08-01",
               consent: ("first-day-of-month-after", "months", 6), withdrawal: ("months-after", "months", 6),
               url: "https://www.clusterconvention.org/convention-text/", outlet: "Convention on Cluster Munitions"),
        Treaty(code: "APMBC", title: "Convention on the Prohibition of the Use, Stockpiling, Production and Transfer of Anti-Personnel Mines and on their Destruction",
               entryIntoForce: "1999-03-01", consent: ("first-day-of-month-after", "months", 6),
               withdrawal: ("months-after", "months", 6), url: "https://www.apminebanconvention.org/en/the-convention/", outlet: "APMBC Implementation Support Unit"),
        Treaty(code: "ATT", title: "Arms Trade Treaty", entryIntoForce: "2014-12-24",
               consent: ("days-after", "days", 90), withdrawal: ("days-after", "days", 90),
               url: "https://thearmstradetreaty.org/treaty-text.html", outlet: "ATT Secretariat"),
        Treaty(code: "CWC", title: "Convention on the Prohibition of Chemical Weapons", entryIntoForce: "1997-04-29",
               consent: ("days-after", "days", 30), withdrawal: ("days-after", "days", 90),
               url: "https://www.opcw.org/chemical-weapons-convention", outlet: "OPCW"),
        Treaty(code: "BWC", title: "Biological Weapons Convention", entryIntoForce: "1975-03-26",
               consent: ("on-deposit", nil, 0), withdrawal: ("months-after", "months", 3),
               url: "https://disarmament.unoda.org/biological-weapons/", outlet: "UNODA"),
        Treaty(code: "NPT", title: "Treaty on the Non-Proliferation of Nuclear Weapons", entryIntoForce: "1970-03-05",
               consent: ("on-deposit", nil, 0), withdrawal: ("months-after", "months", 3),
               url: "https://disarmament.unoda.org/wmd/nuclear/npt/", outlet: "UNODA"),
        Treaty(code: "TPNW", title: "Treaty on the Prohibition of Nuclear Weapons", entryIntoForce: "2021-01-22",
               consent: ("days-after", "days", 90), withdrawal: ("months-after", "months", 12),
               url: "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVI-9&chapter=26", outlet: "UN Treaty Collection"),
        Treaty(code: "CCW", title: "Convention on Certain Conventional Weapons", entryIntoForce: "1983-12-02",
               consent: ("months-after", "months", 6), withdrawal: ("months-after", "months", 12),
               url: "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVI-2&chapter=26", outlet: "UN Treaty Collection"),
        Treaty(code: "ROME", title: "Rome Statute of the International Criminal Court", entryIntoForce: "2002-07-01",
               consent: ("first-day-of-month-after", "months", 2), withdrawal: ("months-after", "months", 12),
               url: "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-10&chapter=18", outlet: "UN Treaty Collection"),
        Treaty(code: "ENMOD", title: "Convention on the Prohibition of Military or Any Other Hostile Use of Environmental Modification Techniques",
               entryIntoForce: "1978-10-05", consent: ("on-deposit", nil, 0), withdrawal: ("months-after", "months", 3),
               url: "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVI-1&chapter=26", outlet: "UN Treaty Collection"),
    ]

    /// Subjects for the titles of generated treaties beyond the real ones.
    static let topics = [
        "the Protection of Migratory Species", "Transboundary Watercourses", "the Suppression of Terrorist Bombings",
        "Mutual Assistance in Criminal Matters", "the Conservation of Fish Stocks", "Transboundary Air Pollution",
        "the Safety of Spent Fuel Management", "the Marking of Plastic Explosives", "Road Traffic and Signals",
        "the Recognition of Arbitral Awards", "Climate Change Adaptation Finance", "Wetlands of International Importance",
    ]

    static let rules: [(String, String?, Int)] = [
        ("on-deposit", nil, 0), ("days-after", "days", 30), ("days-after", "days", 90),
        ("months-after", "months", 3), ("months-after", "months", 6), ("months-after", "months", 12),
        ("first-day-of-month-after", "months", 6),
    ]

    /// News outlets: (name, domain).
    static let outlets: [(String, String)] = [
        ("Reuters", "www.reuters.com"), ("Kyiv Independent", "kyivindependent.com"), ("LRT", "www.lrt.lt"),
        ("Global Economic Times", "globaleconomictimes.kr"), ("Deutsche Welle", "www.dw.com"),
        ("Associated Press", "apnews.com"), ("Le Monde", "www.lemonde.fr"), ("The Guardian", "www.theguardian.com"),
        ("Agence France-Presse", "www.afp.com"), ("Balkan Insight", "balkaninsight.com"), ("Al Jazeera", "www.aljazeera.com"),
    ]

    static let slugWords = [
        "parliament", "votes", "treaty", "withdrawal", "ratifies", "convention", "ban", "munitions", "minister",
        "defence", "security", "accession", "deposit", "united-nations", "seimas", "signs", "instrument", "exit",
    ]

    static let properties = [
        "uxo-mitigation", "stockpile-destroyed", "clearance-deadline", "victim-assistance-plan",
        "national-implementation-law", "transparency-report", "deputy-minister", "defence-budget-share",
    ]

    static let statementValues = [
        "algorithms for rapid collection of unexploded munitions after the withdrawal takes effect",
        "stockpile of 3,200 sub-munitions destroyed under observation of the implementation support unit",
        "clearance of contaminated areas to be completed by the extended deadline agreed at the meeting of states parties",
        "a national action plan on victim assistance adopted by the government after public consultation",
        "implementing legislation passed with penal sanctions for prohibited activities",
        "annual transparency report submitted late but complete, covering stockpiles and retained munitions",
        "defence spending to reach three per cent of gross domestic product within two years",
    ]

    static let notes = [
        "Date read from the depositary notification; the article gives only the month.",
        "The article's 'last July' read against its publication date.",
        "Second source agrees on the year; the day is taken from the depositary.",
        "Quote translated from the ministry's statement; wording checked against the official English version.",
        "Reported as a vote to withdraw; the tally is taken from the parliament's minutes.",
    ]

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]
}
