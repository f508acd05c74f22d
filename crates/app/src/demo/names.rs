//! Names, languages and skills for synthetic officers, by the naming and language traditions of
//! their country. Invented combinations of common names: no real person is meant.

use unpol_domain::CountryCode;
use unpol_domain::roster::Gender;

pub struct Profile {
    female: &'static [&'static str],
    male: &'static [&'static str],
    pub family: &'static [&'static str],
    /// ISO 639-1 codes with a level from 1 to 5.
    pub languages: &'static [(&'static str, u8)],
}

impl Profile {
    pub fn given(&self, gender: Gender) -> &'static [&'static str] {
        match gender {
            Gender::Female => self.female,
            Gender::Male => self.male,
        }
    }
}

const FRANCOPHONE_AFRICA: Profile = Profile {
    female: &[
        "Aminata",
        "Fatou",
        "Awa",
        "Mariama",
        "Aïssatou",
        "Clarisse",
        "Mireille",
        "Adjoa",
        "Rokia",
        "Nadège",
        "Solange",
        "Kadiatou",
    ],
    male: &[
        "Mamadou",
        "Ousmane",
        "Ibrahima",
        "Abdoulaye",
        "Moussa",
        "Serge",
        "Désiré",
        "Koffi",
        "Boubacar",
        "Jean-Baptiste",
        "Idrissa",
        "Souleymane",
    ],
    family: &[
        "Diop",
        "Ndiaye",
        "Traoré",
        "Diallo",
        "Ouédraogo",
        "Koné",
        "Camara",
        "Sow",
        "Kaboré",
        "Mbemba",
        "Nkurunziza",
        "Hounsou",
        "Toure",
        "Sawadogo",
    ],
    languages: &[("fr", 5)],
};
const ANGLOPHONE_AFRICA: Profile = Profile {
    female: &[
        "Grace", "Akosua", "Esther", "Wanjiru", "Chipo", "Blessing", "Abena", "Nomvula", "Faith",
        "Joyce", "Amina", "Mercy",
    ],
    male: &[
        "Kwame", "Emmanuel", "Samuel", "Kofi", "Tendai", "Joseph", "Chinedu", "Peter", "Musa",
        "Daniel", "Otieno", "Thabo",
    ],
    family: &[
        "Mensah", "Owusu", "Okafor", "Mwangi", "Banda", "Moyo", "Phiri", "Kamau", "Adeyemi",
        "Boateng", "Nkosi", "Mutua", "Okello", "Asante",
    ],
    languages: &[("en", 5)],
};
const ARABIC: Profile = Profile {
    female: &[
        "Fatima", "Mariam", "Noura", "Salma", "Hana", "Amal", "Rania", "Leila", "Samira", "Yasmin",
        "Huda", "Aisha",
    ],
    male: &[
        "Mohamed", "Ahmed", "Omar", "Youssef", "Khaled", "Hassan", "Ali", "Karim", "Tarek",
        "Mahmoud", "Samir", "Walid",
    ],
    family: &[
        "Haddad", "Mansour", "Saleh", "Abdallah", "Hassan", "Khalil", "Nasser", "Farouk",
        "Ibrahim", "Darwish", "Osman", "Qasim",
    ],
    languages: &[("ar", 5)],
};
const MAGHREB: Profile = Profile {
    languages: &[("ar", 5), ("fr", 4)],
    ..ARABIC
};
const SOUTH_ASIA: Profile = Profile {
    female: &[
        "Priya", "Anjali", "Fatema", "Nasrin", "Sunita", "Ayesha", "Kavita", "Shirin", "Deepa",
        "Rukhsana", "Sita", "Meena",
    ],
    male: &[
        "Rahul", "Mohammad", "Abdul", "Rajesh", "Imran", "Suresh", "Kamal", "Arjun", "Farhan",
        "Sanjay", "Ravi", "Hasan",
    ],
    family: &[
        "Sharma",
        "Rahman",
        "Hossain",
        "Khan",
        "Singh",
        "Chowdhury",
        "Patel",
        "Islam",
        "Thapa",
        "Perera",
        "Ahmed",
        "Gurung",
        "Kumar",
        "Iqbal",
    ],
    languages: &[("en", 4)],
};
const EAST_ASIA: Profile = Profile {
    female: &[
        "Wei", "Mei", "Siti", "Nur", "Maria", "Lan", "Yuna", "Dewi", "Ji-woo", "Ploy", "Hoa",
        "Ling",
    ],
    male: &[
        "Wei", "Jun", "Budi", "Agus", "Jose", "Minh", "Min-jun", "Somchai", "Hao", "Rizal", "Tuan",
        "Bayar",
    ],
    family: &[
        "Wang",
        "Li",
        "Zhang",
        "Santoso",
        "Wijaya",
        "Nguyen",
        "Tran",
        "Kim",
        "Park",
        "Reyes",
        "Cruz",
        "Chen",
        "Lim",
        "Bat-Erdene",
    ],
    languages: &[("en", 3)],
};
const LATIN_AMERICA: Profile = Profile {
    female: &[
        "María",
        "Ana",
        "Lucía",
        "Gabriela",
        "Carolina",
        "Paula",
        "Valentina",
        "Sofía",
        "Camila",
        "Daniela",
        "Fernanda",
        "Laura",
    ],
    male: &[
        "Juan",
        "Carlos",
        "José",
        "Luis",
        "Diego",
        "Andrés",
        "Miguel",
        "Javier",
        "Pablo",
        "Martín",
        "Ricardo",
        "Sebastián",
    ],
    family: &[
        "García",
        "Rodríguez",
        "González",
        "Fernández",
        "López",
        "Martínez",
        "Pérez",
        "Gómez",
        "Sánchez",
        "Romero",
        "Silva",
        "Torres",
        "Álvarez",
        "Castro",
    ],
    languages: &[("es", 5)],
};
const LUSOPHONE: Profile = Profile {
    family: &[
        "Silva",
        "Santos",
        "Oliveira",
        "Souza",
        "Pereira",
        "Costa",
        "Rodrigues",
        "Almeida",
        "Nascimento",
        "Lima",
        "Araújo",
        "Ferreira",
    ],
    languages: &[("pt", 5)],
    ..LATIN_AMERICA
};
const EUROPE: Profile = Profile {
    female: &[
        "Anna", "Sofia", "Emma", "Elena", "Marie", "Katarina", "Ingrid", "Laura", "Julia", "Ewa",
        "Ayşe", "Olga",
    ],
    male: &[
        "Peter", "Thomas", "Marco", "Jan", "Lukas", "Nikola", "Anders", "Paul", "Mehmet", "Andrei",
        "Stefan", "Piotr",
    ],
    family: &[
        "Müller", "Novak", "Rossi", "Jensen", "Kowalski", "Horvat", "Nielsen", "Petrov", "Yılmaz",
        "Dubois", "Smith", "Popescu", "Berg", "Kovač",
    ],
    languages: &[("en", 4)],
};
const FRANCOPHONE_OTHER: Profile = Profile {
    languages: &[("fr", 5)],
    ..EUROPE
};

fn is(country: CountryCode, codes: &[&str]) -> bool {
    codes.contains(&country.as_str())
}

/// The profile for a country; countries not listed get a European-style profile with English.
pub fn profile(country: CountryCode) -> &'static Profile {
    const FRANCOPHONE: &[&str] = &[
        "SEN", "BEN", "BFA", "CIV", "GIN", "MLI", "NER", "TGO", "CMR", "TCD", "COD", "COG", "GAB",
        "CAF", "BDI", "DJI", "MDG", "MRT", "RWA", "COM",
    ];
    const ANGLOPHONE: &[&str] = &[
        "GHA", "NGA", "KEN", "UGA", "TZA", "ZMB", "ZWE", "ZAF", "SLE", "LBR", "GMB", "NAM", "BWA",
        "MWI", "SSD", "ETH", "LSO", "SWZ", "ERI", "SOM",
    ];
    const MAGHREB_CODES: &[&str] = &["TUN", "MAR", "DZA"];
    const ARABIC_CODES: &[&str] = &[
        "EGY", "JOR", "SDN", "YEM", "IRQ", "PSE", "LBN", "SYR", "SAU", "ARE", "QAT", "KWT", "OMN",
        "BHR", "LBY",
    ];
    const SOUTH_ASIA_CODES: &[&str] = &["IND", "BGD", "PAK", "NPL", "LKA", "BTN", "AFG", "MDV"];
    const EAST_ASIA_CODES: &[&str] = &[
        "CHN", "IDN", "MYS", "PHL", "THA", "VNM", "KOR", "JPN", "MNG", "KHM", "TLS", "SGP", "FJI",
        "VUT", "WSM", "PNG", "KGZ", "KAZ", "TJK",
    ];
    const LATIN_CODES: &[&str] = &[
        "ARG", "URY", "CHL", "PER", "COL", "SLV", "GTM", "MEX", "PRY", "BOL", "ECU", "HND", "NIC",
        "DOM", "PAN", "CRI", "VEN",
    ];
    const LUSOPHONE_CODES: &[&str] = &["BRA", "PRT", "MOZ", "AGO", "GNB", "CPV", "STP"];
    const FRENCH_SPEAKING_OTHER: &[&str] =
        &["FRA", "BEL", "CHE", "CAN", "HTI", "LUX", "MCO", "VUT"];
    if is(country, FRANCOPHONE) {
        &FRANCOPHONE_AFRICA
    } else if is(country, ANGLOPHONE) {
        &ANGLOPHONE_AFRICA
    } else if is(country, MAGHREB_CODES) {
        &MAGHREB
    } else if is(country, ARABIC_CODES) {
        &ARABIC
    } else if is(country, SOUTH_ASIA_CODES) {
        &SOUTH_ASIA
    } else if is(country, EAST_ASIA_CODES) {
        &EAST_ASIA
    } else if is(country, LATIN_CODES) {
        &LATIN_AMERICA
    } else if is(country, LUSOPHONE_CODES) {
        &LUSOPHONE
    } else if is(country, FRENCH_SPEAKING_OTHER) {
        &FRANCOPHONE_OTHER
    } else {
        &EUROPE
    }
}

pub const SKILLS: &[&str] = &[
    "community_policing",
    "sgbv_investigation",
    "organized_crime",
    "border_management",
    "public_order",
    "forensics",
    "criminal_intelligence",
    "training",
    "cybercrime",
    "close_protection",
];

pub const IPO_RANKS: &[&str] = &[
    "Sergeant",
    "Inspector",
    "Chief Inspector",
    "Superintendent",
    "Chief Superintendent",
];
pub const FPU_RANKS: &[&str] = &["Constable", "Corporal", "Sergeant", "Lieutenant", "Captain"];
pub const IPO_TITLES: &[&str] = &[
    "Community Policing Adviser",
    "SGBV Investigations Officer",
    "Serious and Organized Crime Adviser",
    "Training Officer",
    "Border Management Adviser",
    "Operations Officer",
    "Team Site Commander",
    "Human Rights Liaison Officer",
];
pub const LOCATIONS: &[&str] = &[
    "Headquarters",
    "Sector North",
    "Sector South",
    "Sector East",
    "Sector West",
    "Team site",
];
