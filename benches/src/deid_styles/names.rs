//! Given names and surnames of many origins, written for this corpus: common US names alongside names from
//! West Africa, South and East Asia, the Arab world, Latin America, Eastern and Northern Europe and the Pacific,
//! and separate lists of rare and invented names (drawn for about a fifth of the people).

/// Common female given names.
#[rustfmt::skip]
pub(super) const FEMALE: &[&str] = &[
    "Jennifer", "Linda", "Patricia", "Mary", "Susan", "Karen", "Dorothy", "Betty", "Helen", "Margaret", "Ruth",
    "Gloria", "Rose", "Hope", "April", "Emily", "Ashley", "Megan", "Brittany", "Kayla", "Heather", "Tiffany",
    "Danielle", "Crystal", "Amber", "Shirley", "Joan", "Evelyn", "Mildred", "Frances", "Bernice", "Lorraine",
    "Mary Ellen", "Anne-Marie", "María", "Guadalupe", "Lucía", "Ximena", "Carmen", "Rosa", "Yesenia", "Marisol",
    "Shanice", "Keisha", "Latoya", "Imani", "Tamika", "Chiamaka", "Ngozi", "Funmilayo", "Adaeze", "Abena", "Priya",
    "Ananya", "Lakshmi", "Deepika", "Sunita", "Kavya", "Mei", "Xiaoling", "Yan", "Jing", "Ji-woo", "Seo-yeon",
    "Min-ji", "Yuki", "Haruka", "Aiko", "Thuy", "Lan", "Ngoc", "Fatima", "Layla", "Noor", "Aisha", "Shirin",
    "Parisa", "Elif", "Zeynep", "Olga", "Svetlana", "Natalia", "Agnieszka", "Małgorzata", "Ingrid", "Heike",
    "Sigrid", "Astrid", "Siobhán", "Aoife", "Eleni", "Giulia", "Conceição", "Maricel", "Leilani", "Winona",
    "Claire", "Nicole", "Rebecca", "Stephanie", "Tanya", "Jolene", "Wanda", "Esther", "Miriam", "Beatriz",
];

/// Common male given names.
#[rustfmt::skip]
pub(super) const MALE: &[&str] = &[
    "James", "Robert", "John", "Michael", "William", "David", "Richard", "Joseph", "Thomas", "Charles", "Daniel",
    "Matthew", "Mark", "Grant", "Bill", "Frank", "Harold", "Eugene", "Walter", "Raymond", "Gerald", "Dennis",
    "Kevin", "Brandon", "Tyler", "Justin", "Cody", "Travis", "Earl", "Clarence", "Herbert", "Jean-Luc", "José",
    "Juan Carlos", "Luis", "Alejandro", "Jesús", "Rafael", "Tomás", "DeShawn", "Darnell", "Jamal", "Tyrone",
    "Chukwuemeka", "Oluwaseun", "Kwame", "Kofi", "Babajide", "Rahul", "Arjun", "Vikram", "Sanjay", "Ravi",
    "Wei", "Jian", "Hao", "Jun-ho", "Min-jun", "Hiroshi", "Takumi", "Kenji", "Minh", "Duc", "Quang", "Omar",
    "Yusuf", "Karim", "Tariq", "Dariush", "Reza", "Mehmet", "Emre", "Dmitri", "Sergei", "Andrzej", "Piotr",
    "Klaus", "Jürgen", "Lars", "Henrik", "Seán", "Cormac", "Nikos", "Giuseppe", "Marco", "João", "Paulo",
    "Rodel", "Keoni", "Joaquín", "Moshe", "Avi", "Samuel", "Isaac", "Leroy", "Otis", "Wendell", "Floyd",
];

/// Common surnames.
#[rustfmt::skip]
pub(super) const SURNAMES: &[&str] = &[
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
    "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee",
    "Thompson", "White", "Harris", "Clark", "Lewis", "Young", "King", "Wright", "Hill", "Green", "Baker",
    "Nelson", "Carter", "Mitchell", "Roberts", "Turner", "Phillips", "Campbell", "Parker", "Evans", "Collins",
    "Stewart", "Morris", "Murphy", "Cook", "Rogers", "Reed", "Bailey", "Bell", "Cooper", "Richardson", "Howard",
    "Ward", "Torres", "Peterson", "Gray", "Ramirez", "Watson", "Brooks", "Kelly", "Sanders", "Price", "Bennett",
    "Wood", "Barnes", "Ross", "Henderson", "Coleman", "Jenkins", "Perry", "Powell", "Long", "Patterson",
    "Hughes", "Flores", "Washington", "Butler", "Simmons", "Foster", "Gonzales", "Bryant", "Russell", "Diaz",
    "Hayes", "Nguyen", "Tran", "Pham", "Le", "Kim", "Park", "Choi", "Wang", "Li", "Zhang", "Liu", "Chen",
    "Huang", "Wu", "Tanaka", "Sato", "Suzuki", "Watanabe", "Patel", "Shah", "Singh", "Kumar", "Reddy", "Iyer",
    "Banerjee", "Chatterjee", "Okafor", "Okonkwo", "Adeyemi", "Mensah", "Boateng", "Mwangi", "Haddad", "Khoury",
    "Nasser", "Rahman", "Hussain", "Farouk", "Yilmaz", "Demir", "Kowalski", "Nowak", "Wiśniewski", "Ivanov",
    "Petrov", "Sokolova", "Müller", "Schmidt", "Becker", "Fischer", "Johansson", "Lindqvist", "Nielsen",
    "Virtanen", "O'Brien", "O'Connor", "McCarthy", "Byrne", "Rossi", "Esposito", "Romano", "Ferreira", "Silva",
    "Santos", "Oliveira", "Papadopoulos", "Dimitriou", "Kaur", "Cohen", "Levy", "Friedman", "Goldberg",
    "Kealoha", "Begay", "Yazzie", "Castillo", "Vargas", "Mendoza", "Gutierrez", "Morales", "Ortiz", "Reyes",
    "de la Cruz", "dos Santos", "van Dijk", "Nakamura", "Hoang", "Vu", "Desai", "Mehta", "Gupta", "Obi",
];

/// Rare or invented female given names.
#[rustfmt::skip]
pub(super) const RARE_FEMALE: &[&str] = &[
    "Zephyrine", "Ysolde", "Maëlis", "Ottoline", "Thandiwe", "Ezinne", "Ilse-Marie", "Vashti", "Seraphine",
    "Talwyn", "Avelina", "Delphis", "Yarrow", "Kestrel", "Brisa", "Oriel", "Marisabel", "Nkechinyere", "Tuulikki",
    "Rangimarie", "Xochitl", "Saoirse-Ann", "Liesl", "Odalys", "Bronwen", "Keziah", "Amaryllis", "Zuleika",
];

/// Rare or invented male given names.
#[rustfmt::skip]
pub(super) const RARE_MALE: &[&str] = &[
    "Tavish", "Quennell", "Kaelan", "Dovid", "Caoimhín", "Jorvik", "Brennic", "Quillon", "Oswin", "Thelonius",
    "Ebenezer", "Lemuel", "Anatoliy", "Tuilagi", "Chidubem", "Ignatius", "Wystan", "Ferdinando", "Zebulon",
    "Ruairí", "Eskil", "Marcellus", "Osric", "Amadou", "Tenzin", "Keanu-Lee", "Balthasar", "Gaspard",
];

/// Rare or invented surnames, some with particles, hyphens, apostrophes and diacritics.
#[rustfmt::skip]
pub(super) const RARE_SURNAMES: &[&str] = &[
    "Vanterpool", "Quackenbush", "Szczepańska", "Oyelaran-Gbadamosi", "Thistlewood", "Marchetti-Lowe",
    "Abernethy", "Ngata", "Fairweather", "Delacroix-Ruiz", "Wojtaszek", "Brannigan", "Tshabalala", "Kalniņš",
    "Hvidsten", "Achterberg", "Öztürk-Bailey", "Vukovich", "Pennefather", "Grzybowski", "Ó Súilleabháin",
    "Drummelow", "Kettleborough", "Zarbafian", "Yeboah-Ansah", "Castellanos de la Vega", "van Rijswijk",
    "Al-Masri", "ben Haim", "Mac Giolla Bhríde", "Ravensworth", "Lockridge", "Ishikawa-Lund", "Trębicki",
    "Quintanilla-Órtiz", "D'Alessandro-Pike", "Mbeki-Owusu", "Featherstonehaugh", "Nakashima-Greer", "Ulvaeus",
];

/// Relations of a relative, with whether the relative is female.
#[rustfmt::skip]
pub(super) const RELATIONS: &[(&str, bool)] = &[
    ("daughter", true), ("son", false), ("wife", true), ("husband", false), ("sister", true),
    ("brother", false), ("niece", true), ("nephew", false), ("granddaughter", true), ("grandson", false),
    ("mother", true), ("father", false), ("partner", true), ("partner", false), ("daughter-in-law", true),
];
