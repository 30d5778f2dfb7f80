//! People. Common names are frequent US first names and surnames; rare ones are of varied origin and absent from
//! the common lists (a test checks), and some are invented on the spot. `_` stands for a space inside a name.

use std::sync::OnceLock;

use super::generator::Generator;

const FEMALE: &str = "
    Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty Sandra Margaret Ashley
    Kimberly Emily Donna Michelle Carol Amanda Melissa Deborah Stephanie Dorothy Rebecca Sharon Laura Cynthia Amy
    Kathleen Angela Shirley Brenda Emma Anna Pamela Nicole Samantha Katherine Christine Helen Debra Rachel Carolyn
    Janet Maria Catherine Heather Diane Olivia Julie Joyce Victoria Ruth Virginia Lauren Kelly Christina Joan Evelyn
    Judith Andrea Hannah Megan Cheryl Jacqueline Martha Madison Teresa Gloria Sara Janice Ann Kathryn Abigail Sophia
    Frances Jean Alice Judy Isabella Julia Grace Amber Denise Danielle Marilyn Beverly Charlotte Natalie Theresa Diana
    Brittany Doris Kayla Alexis Lori Marie Tiffany Jane Rose Peggy Ruby Crystal Dawn Hope Faith Joy June April May
    Summer Iris Tammy Wanda Yolanda Rosa Guadalupe Lucia Carmen Ana Jasmine Destiny Aaliyah Ebony Latoya Keisha Mei
    Linh Priya Fatima Aisha Leah Chloe Ava Mia Harper Ella Zoe Lily Nora Hazel Violet Savannah Brooklyn Paige Misty
    Shelby Jill Gail Connie Sue Lynn Vicki Tina Wendy Erin Holly Kristen Kendra Monica Veronica Alicia Erica Tanya
    Regina Paula Lois Norma Marjorie Irene Eleanor Edith Mildred Lucille Bonnie Ellen Stella Vera";

const MALE: &str = "
    James Robert John Michael David William Richard Joseph Thomas Christopher Charles Daniel Matthew Anthony Mark
    Donald Steven Andrew Paul Joshua Kenneth Kevin Brian George Timothy Ronald Jason Edward Jeffrey Ryan Jacob Gary
    Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel Gregory Alexander Patrick Frank Raymond
    Jack Dennis Jerry Tyler Aaron Jose Adam Nathan Henry Zachary Douglas Peter Kyle Noah Ethan Jeremy Walter Christian
    Keith Roger Terry Austin Sean Gerald Carl Harold Dylan Arthur Lawrence Jordan Jesse Bryan Billy Bruce Gabriel Joe
    Logan Alan Juan Albert Willie Elijah Wayne Randy Vincent Mason Roy Ralph Bobby Russell Bradley Philip Eugene Louis
    Harry Howard Fred Carlos Luis Miguel Jorge Ricardo Jesus Manuel Victor Marcus Darnell Tyrone DeShawn Jamal Andre
    Malik Hunter Chase Wade Dean Grant Miles Gene Art Bill Earl Glenn Leon Lloyd Floyd Clarence Herbert Eddie Curtis
    Craig Todd Shane Derek Troy Cody Travis Brett Luke Owen Caleb Isaac Levi Wyatt Carter Hector Raul Omar Ahmed Ali
    Wei Minh Tuan Raj Sanjay Hiroshi Kenji";

const SURNAMES: &str = "
    Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson
    Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker
    Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell
    Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy
    Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson
    Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross
    Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes Gonzales Fisher Vasquez
    Simmons Romero Jordan Patterson Alexander Hamilton Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant
    Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall Owens Harrison Fernandez McDonald
    Woods Washington Kennedy Wells Vargas Henry Chen Freeman Webb Tucker Guzman Burns Crawford Olson Simpson Porter
    Hunter Gordon Mendez Silva Shaw Snyder Mason Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose
    Stone Salazar Fox Warren Mills Meyer Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver Ryan Gardner
    Payne Grant Dunn Kelley Spencer Hawkins Arnold Pierce Vazquez Hansen Peters Santos Hart Bradley Knight Elliott
    Cunningham Duncan Armstrong Hudson Carroll Lane Riley Andrews Alvarado Ray Delgado Berry Perkins Hoffman Johnston
    Matthews Pena Richards Contreras Willis Carpenter Lawrence Sandoval Guerrero George Chapman Rios Estrada Ortega
    Watkins Greene Nunez Wheeler Valdez Harper Burke Larson Santiago Maldonado Morrison Franklin Carlson Austin
    Dominguez Carr Lawson Jacobs O'Brien Lynch Singh Vega Bishop Montgomery Oliver Jensen Harvey Williamson Gilbert
    Dean Sims Espinoza Howell Li Wong Reid Hanson Le McCoy Garrett Burton Fuller Wang Weber Welch Rojas Lucas Marquez
    Fields Park Yang Little Banks Padilla Day Walsh Bowman Schultz Luna Fowler Mejia Davidson Acosta Brewer May
    Holland Juarez Newman Pearson Curtis Cortez Douglas Schneider Joseph Barrett Navarro Figueroa Keller Avila Wade
    Molina Stanley Hopkins Campos Barnett Bates Chambers Caldwell Beck Lambert Miranda Byrd Craig Ayala Lowe Frazier
    Powers Neal Leonard Gregory Carrillo Sutton Fleming Rhodes Shelton Schwartz Norris Jennings Watts Duran Walters
    Cohen McDaniel Moran Parks Steele Vaughn Becker Holt DeLeon Barker Terry Hale Leon Benson Haynes Horton Miles
    Lyons Pham Graves Bush Thornton Wolfe Warner Cabrera McKinney Mann Zimmerman Dawson Lara Fletcher Page McCarthy
    Love O'Connor D'Angelo Smith-Jones Garcia-Lopez Doe";

const RARE_FEMALE: &str = "
    Zyrelle Tavita Chidinma Ngozi Adaeze Thandiwe Mele Aroha Saoirse Siobhán Caoimhe Dagny Solveig Aino Agnieszka
    Milica Vesna Erzsébet Anahit Nodira Dilnoza Aigerim Oyunchimeg Nguyệt Phượng Rajeshwari Yusra Asel Citlali
    Xochitl Quetzalli Nizhoni Ayasha Aputi Quorianne Thessaly Ileyna Marivette Zoë Ngaio Wairimu Akosua Efua Afua
    Zawadi Pema Dechen Sunniva Ylva Hjördis Ottilie Brunhilde Mahealani Leota Fetu";

const RARE_MALE: &str = "
    Siosaia Keoni Makana Wiremu Tamatea Oisín Torbjørn Bjørn Eero Jyrki Wojciech Grzegorz Przemysław Dragoslav
    Zoltán Vardan Tigran Bakhyt Temuulen Batbayar Khánh Venkatesh Thirumalai Ghaith Faraj Tlaloc Ahanu Takoda
    Nukilik Vantrel Draxen Joriel Oluwaseun Nkosana Kwabena Chukwuemeka Obinna Tendai Tafadzwa Ikaika Kaimana Sefo
    Tevita Ruairí Dónal Gwilym Iestyn Þorvaldur Eyvindur Kęstutis Algirdas Jānis Aivars Tõnu Mihkel Davron Ulugbek";

const RARE_SURNAMES: &str = "
    Okonkwo-Baptiste Fualaau Tuilagi Faleolo Kamakau Kealoha Nakoa Ngata Tshabalala Mokoena Dlamini Nwachukwu
    Eze-Udoh Oyelaran Adebayo-Cole Abiodun Ó_Súilleabháin Ní_Bhriain Przybylski Wojciechowska Szczepańska
    Brzęczyszczykiewicz Vaitkevičius Žemaitytė Kovačević Đorđević Hadžić Mkrtchyan Ter-Petrosyan Batmönkh
    Tserendorj Abdukhalikov Nurmagambetova Khudaiberdiev Tsosie Begaye Attakai Etsitty Quispe_Mamani Huamán Condori
    Thirunavukkarasu Venkataraman Balasubramanian Bhattacharjee Gangopadhyay Wickramasinghe Jayawardena
    Nakashima-Ortiz Nguyễn-Trần Đặng Lưu Sithole Kgosana Mthembu Zondi Ødegård Løkken Håkansson Fjeldstad Väänänen
    Kärkkäinen Hämäläinen Guðmundsdóttir Þórsson al-Khouri Al-Saadi Tahboub Abergel van_der_Berg Ten_Hoeve Oyedepo
    Mbeki-Ntuli Asantewaa Owusu-Ansah Wanjiru Chinwuba Aoyagi Higashikawa Tokunaga-Reyes Kahananui Kaleikini
    Vantrellis Quorrindale Thistlecombe Zandervelt Ferrowyn";

const ONSETS: &[&str] = &["Z", "Qu", "Th", "V", "X", "Dr", "Kh", "Y", "Ly", "Br", "Sh", "Tr", "J", "M", "N", "K", "Fe"];
const NUCLEI: &[&str] = &["a", "e", "i", "o", "u", "ae", "ai", "ey", "y", "ou"];
const CODAS: &[&str] = &["", "n", "l", "r", "x", "th", "s", "lle", "nne", "ra", "vel", "rin", "quist"];

/// Relations and the sex they imply.
#[rustfmt::skip]
pub(super) const RELATIONS: &[(&str, Option<bool>)] = &[
    ("daughter", Some(true)), ("son", Some(false)), ("husband", Some(false)), ("wife", Some(true)),
    ("mother", Some(true)), ("father", Some(false)), ("sister", Some(true)), ("brother", Some(false)),
    ("caregiver", None), ("POA", None), ("niece", Some(true)), ("grandson", Some(false)),
];

/// The name lists, split once.
pub(super) struct Names {
    pub(super) female: Vec<&'static str>,
    pub(super) male: Vec<&'static str>,
    pub(super) surnames: Vec<&'static str>,
    pub(super) rare_female: Vec<&'static str>,
    pub(super) rare_male: Vec<&'static str>,
    pub(super) rare_surnames: Vec<&'static str>,
}

/// The name lists, split on first use.
pub(super) fn names() -> &'static Names {
    static NAMES: OnceLock<Names> = OnceLock::new();
    NAMES.get_or_init(|| Names {
        female: FEMALE.split_whitespace().collect(),
        male: MALE.split_whitespace().collect(),
        surnames: SURNAMES.split_whitespace().collect(),
        rare_female: RARE_FEMALE.split_whitespace().collect(),
        rare_male: RARE_MALE.split_whitespace().collect(),
        rare_surnames: RARE_SURNAMES.split_whitespace().collect(),
    })
}

/// A person the note mentions: patient, clinician or relative.
#[derive(Debug, Clone)]
pub(super) struct Person {
    pub(super) given: String,
    pub(super) middle: String,
    pub(super) family: String,
    pub(super) female: bool,
    /// A rare or invented family name.
    pub(super) rare: bool,
}

/// How a name is written.
#[derive(Debug, Clone, Copy)]
pub(super) enum Form {
    /// `Jane Doe`
    Full,
    /// `Jane A. Doe`
    MiddleInitial,
    /// `Jane Ann Doe`
    Middle,
    /// `J. Doe`
    Initial,
    /// `Doe, Jane`
    LastFirst,
    /// `Doe, Jane A.`
    LastFirstInitial,
    /// `DOE, JANE`
    LastFirstCaps,
    /// `JANE DOE`
    Caps,
    /// `jane doe`
    Lower,
    /// `DOE JANE`
    ReversedCaps,
    /// `Doe` (after a title)
    Family,
}

/// How the patient is written after a cue, by weight (a form listed twice is twice as likely).
#[rustfmt::skip]
pub(super) const PATIENT_FORMS: &[Form] = &[
    Form::Full, Form::Full, Form::Full, Form::MiddleInitial, Form::MiddleInitial, Form::Middle, Form::LastFirst,
    Form::LastFirstInitial, Form::LastFirstCaps, Form::LastFirstCaps, Form::Caps, Form::Initial,
];
/// How clinicians are written, by weight.
pub(super) const STAFF_FORMS: &[Form] =
    &[Form::Full, Form::Full, Form::Full, Form::MiddleInitial, Form::Initial, Form::Caps];
/// How the patient is written without a cue, in seeded notes only.
pub(super) const BARE_FORMS: &[Form] =
    &[Form::LastFirstCaps, Form::Lower, Form::Caps, Form::ReversedCaps, Form::Family];

/// A person's name as written in the given form.
pub(super) fn render(p: &Person, form: Form) -> String {
    let initial = |s: &str| s.chars().next().map(String::from).unwrap_or_default();
    let full = format!("{} {}", p.given, p.family);
    match form {
        Form::Full => full,
        Form::MiddleInitial => format!("{} {}. {}", p.given, initial(&p.middle), p.family),
        Form::Middle => format!("{} {} {}", p.given, p.middle, p.family),
        Form::Initial => format!("{}. {}", initial(&p.given), p.family),
        Form::LastFirstInitial => format!("{}, {} {}.", p.family, p.given, initial(&p.middle)),
        Form::LastFirst => format!("{}, {}", p.family, p.given),
        Form::LastFirstCaps => format!("{}, {}", p.family, p.given).to_uppercase(),
        Form::Caps => full.to_uppercase(),
        Form::Lower => full.to_lowercase(),
        Form::ReversedCaps => format!("{} {}", p.family, p.given).to_uppercase(),
        Form::Family => p.family.clone(),
    }
}

/// The first character upper-cased.
pub(super) fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Lower-case ASCII for an email local part: diacritics folded, other characters dropped.
pub(super) fn slug(s: &str) -> String {
    const FOLDS: &[(&str, char)] = &[
        ("áàâäãåāąạảấầẩẫậắằẳẵặă", 'a'),
        ("éèêëēęěėễệếềể", 'e'),
        ("íìîïīịỉ", 'i'),
        ("óòôöõøōọỏốồổỗộớờởỡợơ", 'o'),
        ("úùûüūůụủứừửữựư", 'u'),
        ("ñń", 'n'),
        ("çćč", 'c'),
        ("šś", 's'),
        ("žźż", 'z'),
        ("ł", 'l'),
        ("đð", 'd'),
        ("þ", 't'),
        ("ýÿ", 'y'),
    ];
    let fold = |c: char| FOLDS.iter().find(|(from, _)| from.contains(c)).map(|(_, to)| *to);
    s.to_lowercase().chars().filter_map(|c| if c.is_ascii_alphanumeric() { Some(c) } else { fold(c) }).collect()
}

impl Generator {
    /// A given name, common or rare (a fifth of the rare ones invented).
    pub(super) fn given(&mut self, female: bool, rare: bool) -> String {
        let lists = names();
        if rare && self.chance(20) {
            return self.invented(2);
        }
        let list = match (rare, female) {
            (true, true) => &lists.rare_female,
            (true, false) => &lists.rare_male,
            (false, true) => &lists.female,
            (false, false) => &lists.male,
        };
        self.pick(list).to_owned()
    }

    /// A family name, common or rare (a fifth of the rare ones invented).
    fn family(&mut self, rare: bool) -> String {
        let lists = names();
        if rare && self.chance(20) {
            let syllables = self.range(2, 3);
            return self.invented(syllables);
        }
        let family = self.pick(if rare { &lists.rare_surnames } else { &lists.surnames });
        family.replace('_', " ")
    }

    /// A name made of syllables, checked against the common lists.
    fn invented(&mut self, syllables: usize) -> String {
        let lists = names();
        let mut name = String::new();
        for _ in 0..4 {
            name.clear();
            for syllable in 1..=syllables {
                let onset = self.pick(ONSETS);
                name.push_str(&onset.to_lowercase());
                name.push_str(self.pick(NUCLEI));
                name.push_str(self.pick(if syllable == syllables { CODAS } else { &["", "n", "l", "r"] }));
            }
            name = capitalize(&name);
            let common = [&lists.female, &lists.male, &lists.surnames];
            if !common.iter().any(|list| list.contains(&name.as_str())) {
                break;
            }
        }
        name
    }

    /// A person of either sex.
    pub(super) fn person(&mut self) -> Person {
        let female = self.chance(50);
        self.person_of(female)
    }

    /// A person of the given sex, rare a quarter of the time.
    pub(super) fn person_of(&mut self, female: bool) -> Person {
        let rare = self.chance(25);
        // A rare family name goes with a rare given name most of the time ("Maria Fualaau" also happens).
        let rare_given = rare && self.chance(75);
        let given = self.given(female, rare_given);
        let middle = self.given(female, false);
        let family = self.family(rare);
        Person { given, middle, family, female, rare }
    }
}
