/**
 * Names and household facts for seeded families, by origin, roughly as the
 * families at a Familienstützpunkt in Kaufbeuren come: German families,
 * Turkish families of the second and third generation, families from Syria
 * and Iraq, from Russia (often Russlanddeutsche), from Ukraine, Afghanistan,
 * Romania and Kosovo.
 *
 * Names keep their real letters (Yılmaz, Şahin, Öztürk, Ștefan, Gëzim), and
 * carry the spellings seen on German forms (Yilmaz, Iwanow, Schewtschenko,
 * Muhammad): the first spelling is the most frequent one.
 */
import type { DocumentLanguage, LanguageCode } from '../../../shared/domain/lists';

/** A name with its usual spellings; the first is the one written most often. */
export type Spellings = readonly [string, ...string[]];

export type OriginKey = 'de' | 'tr' | 'ar' | 'ru' | 'uk' | 'af' | 'ro' | 'xk';

export interface Origin {
  key: OriginKey;
  /** Relative share of families. */
  weight: number;
  /** Languages spoken at home, by weight; German is added for many non-German families. */
  languages: readonly (readonly [LanguageCode, number])[];
  /** Language of the consent form the family signs (one of DOCUMENT_LANGUAGES). */
  formLanguage: DocumentLanguage;
  /** Share of people whose name is written in one of the other spellings. */
  variantShare: number;
  /** Share of mothers in two-parent families who keep their own surname. */
  ownSurnameShare: number;
  surnames: readonly Spellings[];
  female: readonly Spellings[];
  male: readonly Spellings[];
  /** First names of children, when they differ from the parents' generation. */
  girls?: readonly Spellings[];
  boys?: readonly Spellings[];
  /** Feminine form of a surname (Ivanov → Ivanova). */
  feminine?: (surname: string) => string;
}

/** Russian surnames on -ov/-ev/-in (and German spellings -ow/-ew) take -a for women. */
function slavicFeminine(surname: string): string {
  return /(ov|ev|in|ow|ew|yn)$/.test(surname) ? `${surname}a` : surname;
}

const GERMAN: Origin = {
  key: 'de',
  weight: 38,
  languages: [['de', 1]],
  formLanguage: 'de',
  variantShare: 0,
  ownSurnameShare: 0.12,
  surnames: [
    ['Müller'], ['Schmidt'], ['Schneider'], ['Fischer'], ['Meyer'], ['Weber'], ['Wagner'], ['Becker'], ['Huber'],
    ['Hoffmann'], ['Schulz'], ['Maier'], ['Meier'], ['Schäfer'], ['Koch'], ['Bauer'], ['Richter'], ['Klein'], ['Wolf'],
    ['Mayer'], ['Schröder'], ['Neumann'], ['Schwarz'], ['Zimmermann'], ['Braun'], ['Krüger'], ['Hofmann'], ['Hartmann'],
    ['Schmitt'], ['Lange'], ['Werner'], ['Krause'], ['Lehmann'], ['Fuchs'], ['Keller'], ['Berger'], ['Vogel'],
    ['Jäger'], ['Weiß'], ['Graf'], ['Lutz'], ['Rauch'], ['Hörmann'], ['Gschwind'], ['Fink'], ['Strobel'], ['Kögel'],
    ['Haug'], ['Seitz'], ['Zech'], ['Bayer'], ['Kraus'], ['Roth'], ['Frank'], ['Scholz'], ['Möller'], ['Ludwig'],
    ['Heinrich'], ['Schreiber'], ['Dietrich'], ['Kühn'], ['Pfeiffer'], ['Winkler'], ['Albrecht'], ['Schuster'],
    ['Schubert'], ['Sommer'], ['Brandl'], ['Wiedemann'], ['Gößl'], ['Stöckle'], ['Mayr'], ['Heiß'], ['Kiechle'],
  ],
  female: [
    ['Sabine'], ['Andrea'], ['Claudia'], ['Nicole'], ['Stefanie'], ['Julia'], ['Katrin'], ['Melanie'], ['Sandra'],
    ['Christina'], ['Anna'], ['Sarah'], ['Lisa'], ['Daniela'], ['Jennifer'], ['Tanja'], ['Susanne'], ['Kerstin'],
    ['Birgit'], ['Petra'], ['Manuela'], ['Verena'], ['Theresa'], ['Johanna'], ['Franziska'], ['Carina'], ['Sophie'],
  ],
  male: [
    ['Thomas'], ['Michael'], ['Andreas'], ['Stefan'], ['Christian'], ['Markus'], ['Martin'], ['Daniel'], ['Tobias'],
    ['Florian'], ['Alexander'], ['Sebastian'], ['Matthias'], ['Jan'], ['Patrick'], ['Dominik'], ['Jürgen'], ['Uwe'],
    ['Johannes'], ['Benedikt'], ['Simon'], ['Philipp'], ['Maximilian'], ['Manuel'], ['Josef'], ['Georg'],
  ],
  girls: [
    ['Emma'], ['Mia'], ['Hannah'], ['Sophia'], ['Lena'], ['Lea'], ['Marie'], ['Emilia'], ['Anna'], ['Lina'],
    ['Clara'], ['Leonie'], ['Laura'], ['Johanna'], ['Ella'], ['Amelie'], ['Luisa'], ['Magdalena'], ['Paula'], ['Greta'],
  ],
  boys: [
    ['Noah'], ['Ben'], ['Leon'], ['Paul'], ['Finn'], ['Elias'], ['Jonas'], ['Luis'], ['Felix'], ['Lukas'],
    ['Maximilian'], ['Jakob'], ['Moritz'], ['Tim'], ['Niklas'], ['Julian'], ['Valentin'], ['Anton'], ['Korbinian'], ['Leo'],
  ],
};

const TURKISH: Origin = {
  key: 'tr',
  weight: 16,
  languages: [['tr', 1]],
  formLanguage: 'tr',
  variantShare: 0.35,
  ownSurnameShare: 0.05,
  surnames: [
    ['Yılmaz', 'Yilmaz'], ['Kaya'], ['Demir'], ['Şahin', 'Sahin'], ['Çelik', 'Celik'], ['Yıldız', 'Yildiz'],
    ['Yıldırım', 'Yildirim'], ['Öztürk', 'Ozturk', 'Oeztuerk'], ['Aydın', 'Aydin'], ['Özdemir', 'Ozdemir', 'Oezdemir'],
    ['Arslan'], ['Doğan', 'Dogan'], ['Kılıç', 'Kilic'], ['Aslan'], ['Çetin', 'Cetin'], ['Kara'], ['Koç', 'Koc'],
    ['Kurt'], ['Özkan', 'Ozkan'], ['Şimşek', 'Simsek'], ['Polat'], ['Güneş', 'Gunes', 'Guenes'], ['Erdoğan', 'Erdogan'],
    ['Aksoy'], ['Korkmaz'], ['Bulut'], ['Keskin'], ['Ünal', 'Unal'], ['Güler', 'Guler'], ['Türk', 'Tuerk'],
  ],
  female: [
    ['Ayşe', 'Ayse'], ['Fatma'], ['Emine'], ['Hatice'], ['Zeynep'], ['Elif'], ['Büşra', 'Busra'], ['Merve'],
    ['Özlem', 'Ozlem'], ['Gül', 'Gul'], ['Derya'], ['Esra'], ['Sibel'], ['Hülya', 'Hulya'], ['Yasemin'], ['Songül', 'Songul'],
    ['Melek'], ['Serpil'], ['Dilek'], ['Tuğba', 'Tugba'],
  ],
  male: [
    ['Mehmet', 'Mehmed'], ['Mustafa'], ['Ahmet', 'Ahmed'], ['Ali'], ['Hüseyin', 'Huseyin', 'Hueseyin'], ['Hasan'],
    ['İbrahim', 'Ibrahim'], ['Murat'], ['Emre'], ['Yusuf'], ['Ömer', 'Omer'], ['Burak'], ['Hakan'], ['Kemal'],
    ['Serkan'], ['Osman'], ['Volkan'], ['Cem'], ['Erkan'], ['İsmail', 'Ismail'],
  ],
  girls: [
    ['Elif'], ['Zeynep'], ['Defne'], ['Eylül', 'Eylul'], ['Asya'], ['Ecrin'], ['Miray'], ['Azra'], ['Ayşe', 'Ayse'],
    ['Nisa'], ['Melisa'], ['Ela'], ['Zehra'], ['Yağmur', 'Yagmur'], ['Lina'],
  ],
  boys: [
    ['Yusuf'], ['Eymen'], ['Ömer', 'Omer'], ['Mustafa'], ['Emir'], ['Kerem'], ['Aras'], ['Mehmet', 'Mehmed'], ['Ali'],
    ['Berat'], ['Çınar', 'Cinar'], ['Deniz'], ['Can'], ['Efe'], ['Mert'],
  ],
};

const ARABIC: Origin = {
  key: 'ar',
  weight: 11,
  languages: [['ar', 1]],
  formLanguage: 'ar',
  variantShare: 0.45,
  ownSurnameShare: 0.6,
  surnames: [
    ['Mohammed', 'Muhammad', 'Mohamed', 'Mohammad'], ['Ahmad', 'Ahmed'], ['Hassan', 'Hasan'], ['Al-Hussein', 'Alhussein', 'Al Hussein'],
    ['Ibrahim'], ['Khalil', 'Chalil'], ['Haddad'], ['Al-Ali', 'Alali'], ['Mahmoud', 'Mahmud'], ['Abdullah'],
    ['Saleh', 'Salih'], ['Othman', 'Osman'], ['Youssef', 'Yousef', 'Yusuf'], ['Hamdan'], ['Nasser', 'Nasir'],
    ['Darwish', 'Darwisch'], ['Al-Khatib', 'Alkhatib'], ['Mustafa'], ['Suleiman', 'Sulaiman'], ['Jaber', 'Jabir'],
    ['Hammoud', 'Hamoud'], ['Kassem', 'Qasim'], ['Al-Omar', 'Alomar'], ['Haj Ali'], ['Sheikh', 'Scheich'],
  ],
  female: [
    ['Fatima', 'Fatma'], ['Aisha', 'Aischa', 'Aysha'], ['Mariam', 'Maryam', 'Meriam'], ['Nour', 'Noor', 'Nur'], ['Rania'],
    ['Hiba'], ['Layla', 'Leila'], ['Amal'], ['Yasmin', 'Jasmin'], ['Rahaf'], ['Sara'], ['Huda'], ['Zainab', 'Zeinab'],
    ['Lina'], ['Rasha'], ['Ghada'], ['Dima'], ['Alaa'],
  ],
  male: [
    ['Mohammed', 'Muhammad', 'Mohamed', 'Mohammad'], ['Ahmad', 'Ahmed'], ['Omar', 'Umar'], ['Yousef', 'Youssef', 'Yusuf'],
    ['Ali'], ['Hassan', 'Hasan'], ['Khaled', 'Khalid'], ['Mahmoud', 'Mahmud'], ['Ibrahim'], ['Abdullah'], ['Karim'],
    ['Samir'], ['Bilal'], ['Hamza'], ['Adam'], ['Amir'], ['Mustafa'], ['Tarek', 'Tariq'],
  ],
};

const RUSSIAN: Origin = {
  key: 'ru',
  weight: 8,
  languages: [['ru', 1]],
  formLanguage: 'ru',
  variantShare: 0.4,
  ownSurnameShare: 0.05,
  feminine: slavicFeminine,
  surnames: [
    ['Ivanov', 'Iwanow'], ['Petrov', 'Petrow'], ['Smirnov', 'Smirnow'], ['Kuznetsov', 'Kusnezow', 'Kuznecov'],
    ['Popov', 'Popow'], ['Sokolov', 'Sokolow'], ['Volkov', 'Wolkow'], ['Morozov', 'Morosow'], ['Lebedev', 'Lebedew'],
    ['Kozlov', 'Koslow'], ['Novikov', 'Nowikow'], ['Fedorov', 'Fjodorow'], ['Pavlov', 'Pawlow'], ['Orlov', 'Orlow'],
    ['Wiebe'], ['Friesen'], ['Janzen'], ['Klassen'], ['Penner'], ['Dück', 'Dueck'], ['Reimer'], ['Neufeld'],
  ],
  female: [
    ['Olga'], ['Natalia', 'Natalja', 'Natalya'], ['Tatiana', 'Tatjana'], ['Elena', 'Jelena', 'Yelena'], ['Irina'],
    ['Svetlana', 'Swetlana'], ['Anna'], ['Ekaterina', 'Jekaterina'], ['Yulia', 'Julia', 'Julija'], ['Marina'],
    ['Anastasia', 'Anastasija'], ['Ksenia', 'Xenia'], ['Valentina', 'Walentina'], ['Ljudmila', 'Lyudmila'],
  ],
  male: [
    ['Aleksandr', 'Alexander', 'Aleksander'], ['Dmitri', 'Dmitrij', 'Dmitry'], ['Sergei', 'Sergej'], ['Andrei', 'Andrej'],
    ['Alexei', 'Aleksej', 'Alexej'], ['Ivan', 'Iwan'], ['Nikolai', 'Nikolaj'], ['Maxim', 'Maksim'], ['Vladimir', 'Wladimir'],
    ['Mikhail', 'Michail'], ['Artem', 'Artjom'], ['Pavel', 'Pawel'], ['Viktor', 'Wiktor'], ['Juri', 'Yuri', 'Jurij'],
  ],
};

const UKRAINIAN: Origin = {
  key: 'uk',
  weight: 9,
  languages: [['uk', 3], ['ru', 1]],
  formLanguage: 'uk',
  variantShare: 0.4,
  ownSurnameShare: 0.05,
  feminine: slavicFeminine,
  surnames: [
    ['Shevchenko', 'Schewtschenko', 'Shevtchenko'], ['Kovalenko', 'Kowalenko'], ['Bondarenko'], ['Tkachenko', 'Tkatschenko'],
    ['Melnyk', 'Melnik'], ['Kravchenko', 'Krawtschenko'], ['Boyko', 'Bojko', 'Boiko'], ['Kovalchuk', 'Kowaltschuk'],
    ['Oliinyk', 'Olijnyk'], ['Lysenko', 'Lyssenko'], ['Moroz'], ['Savchenko', 'Sawtschenko'], ['Rudenko'],
    ['Marchenko', 'Martschenko'], ['Petrenko'], ['Ivanenko', 'Iwanenko'], ['Polishchuk', 'Polischtschuk'],
    ['Hrytsenko', 'Hryzenko'], ['Pavlenko', 'Pawlenko'], ['Levchenko', 'Lewtschenko'],
  ],
  female: [
    ['Olena', 'Elena'], ['Oksana'], ['Iryna', 'Irina'], ['Nataliia', 'Natalia', 'Natalija'], ['Yuliia', 'Julija', 'Yulia'],
    ['Tetiana', 'Tetjana', 'Tatiana'], ['Svitlana', 'Switlana'], ['Kateryna', 'Katerina'], ['Viktoriia', 'Viktoria'],
    ['Anastasiia', 'Anastasia'], ['Sofiia', 'Sofia'], ['Daryna'], ['Halyna', 'Galina'], ['Liudmyla', 'Ljudmyla'],
  ],
  male: [
    ['Andrii', 'Andrij', 'Andriy'], ['Oleksandr', 'Olexandr', 'Alexander'], ['Serhii', 'Serhij', 'Sergiy'],
    ['Volodymyr', 'Wolodymyr'], ['Mykola'], ['Dmytro'], ['Yurii', 'Jurij'], ['Taras'], ['Bohdan'], ['Maksym', 'Maxym'],
    ['Artem'], ['Ivan', 'Iwan'], ['Vasyl', 'Wasyl'], ['Oleh', 'Oleg'],
  ],
};

const AFGHAN: Origin = {
  key: 'af',
  weight: 6,
  languages: [['prs', 6], ['ps', 3], ['fa', 1]],
  formLanguage: 'de',
  variantShare: 0.35,
  ownSurnameShare: 0.4,
  surnames: [
    ['Ahmadi'], ['Hakimi'], ['Rahimi'], ['Karimi'], ['Noori', 'Nuri', 'Noury'], ['Mohammadi', 'Muhammadi'],
    ['Hosseini', 'Husseini'], ['Sultani'], ['Amiri'], ['Azizi'], ['Rezaei', 'Rezai'], ['Haidari', 'Heidari'],
    ['Sadat'], ['Wardak'], ['Popal'], ['Stanikzai'], ['Jafari', 'Dschafari'], ['Nazari'], ['Safi'], ['Habibi'],
  ],
  female: [
    ['Zahra', 'Sahra'], ['Nilofar', 'Nilufar'], ['Fatima'], ['Maryam', 'Mariam'], ['Farishta', 'Fereshta'],
    ['Shabnam', 'Schabnam'], ['Parwana'], ['Sakina'], ['Masooma', 'Masuma'], ['Roya'], ['Mina'], ['Zainab'],
    ['Hadia'], ['Arezo', 'Arezoo'], ['Sediqa', 'Sadiqa'],
  ],
  male: [
    ['Farid'], ['Mohammad', 'Mohammed', 'Muhammad'], ['Ahmad'], ['Ali'], ['Hamid'], ['Mustafa'], ['Reza'], ['Jawad'],
    ['Sayed', 'Said'], ['Ramin'], ['Omid'], ['Shahid'], ['Bilal'], ['Murtaza'], ['Ehsan'], ['Najib', 'Nadschib'],
  ],
};

const ROMANIAN: Origin = {
  key: 'ro',
  weight: 6,
  languages: [['ro', 1]],
  formLanguage: 'de',
  variantShare: 0.3,
  ownSurnameShare: 0.05,
  surnames: [
    ['Popescu'], ['Ionescu'], ['Popa'], ['Dumitru'], ['Stan'], ['Stoica'], ['Gheorghe'], ['Matei'], ['Ciobanu'],
    ['Munteanu'], ['Rusu'], ['Constantin'], ['Marin'], ['Tudor'], ['Dumitrescu'], ['Niță', 'Nita'], ['Țurcanu', 'Turcanu'],
    ['Văduva', 'Vaduva'], ['Sârbu', 'Sarbu'], ['Moldovan'], ['Lungu'], ['Bălan', 'Balan'],
  ],
  female: [
    ['Ioana'], ['Maria'], ['Elena'], ['Andreea'], ['Alexandra'], ['Mihaela'], ['Cristina'], ['Ana'], ['Gabriela'],
    ['Alina'], ['Daniela'], ['Roxana'], ['Diana'], ['Ramona'], ['Florentina'],
  ],
  male: [
    ['Andrei'], ['Mihai'], ['Ion'], ['Alexandru'], ['Ștefan', 'Stefan'], ['Gabriel'], ['Florin'], ['Cristian'], ['Bogdan'],
    ['Adrian'], ['Marius'], ['Vasile'], ['Răzvan', 'Razvan'], ['Ionuț', 'Ionut'], ['Constantin'],
  ],
};

const KOSOVAR: Origin = {
  key: 'xk',
  weight: 6,
  languages: [['sq', 1]],
  formLanguage: 'de',
  variantShare: 0.3,
  ownSurnameShare: 0.1,
  surnames: [
    ['Krasniqi'], ['Gashi'], ['Berisha'], ['Morina'], ['Hoxha', 'Hodscha'], ['Shala', 'Schala'], ['Bytyqi', 'Bytyci'],
    ['Kastrati'], ['Rexhepi', 'Redzepi'], ['Hasani'], ['Ahmeti'], ['Salihu'], ['Kryeziu'], ['Osmani'], ['Sejdiu'],
    ['Avdiu'], ['Thaçi', 'Thaci'], ['Rama'], ['Zeqiri', 'Zekiri'], ['Hyseni'],
  ],
  female: [
    ['Drita'], ['Valbona'], ['Arta'], ['Blerta'], ['Fatmire'], ['Mimoza'], ['Shqipe'], ['Vjosa'], ['Albana'], ['Elira'],
    ['Besa'], ['Lirie'], ['Teuta'], ['Arbnora'], ['Fitore'],
  ],
  male: [
    ['Arben'], ['Blerim'], ['Besnik'], ['Driton'], ['Agron'], ['Fatmir'], ['Valon'], ['Visar'], ['Ilir'], ['Shkëlzen', 'Shkelzen'],
    ['Bujar'], ['Arton'], ['Faton'], ['Leutrim'], ['Gëzim', 'Gezim'], ['Ermal'],
  ],
};

export const ORIGINS: readonly Origin[] = [GERMAN, TURKISH, ARABIC, RUSSIAN, UKRAINIAN, AFGHAN, ROMANIAN, KOSOVAR];

/** Streets in Kaufbeuren (house numbers are added). */
export const STREETS = [
  'Kaiser-Max-Straße', 'Ludwigstraße', 'Neugablonzer Straße', 'Sudetenstraße', 'Gablonzer Ring', 'Hüttenstraße',
  'Mindelheimer Straße', 'Füssener Straße', 'Apfeltranger Straße', 'Bahnhofstraße', 'Schraderstraße',
  'Innere Buchleuthenstraße', 'Am Graben', 'Bismarckstraße', 'Gutenbergstraße', 'Kemnater Straße',
  'Oberbeurener Straße', 'Hirschzeller Straße', 'Alleeweg', 'Wiesenweg', 'Birkenweg', 'Lindenweg', 'Am Sonneneck',
  'Leinauer Straße', 'Ganghoferstraße', 'Heinzelmannstraße', 'Johannes-Haag-Straße', 'Moosmangstraße', 'Spitaltor',
] as const;

/** Relative size of Kaufbeuren's districts (unknown names count 1). */
export const DISTRICT_WEIGHTS: Readonly<Record<string, number>> = {
  Altstadt: 2,
  Haken: 2.5,
  Neugablonz: 4,
  Oberbeuren: 1.5,
  Hirschzell: 1,
  Kemnat: 1,
  Großkemnat: 0.5,
  Kleinkemnat: 0.5,
  Märzisried: 0.4,
  Oggenried: 0.3,
  Ganghofersiedlung: 1.5,
  Sonneneck: 1.5,
  'Hohes Gestade': 1,
  Leinau: 0.8,
};

/** Mobile prefixes seen on forms. */
export const MOBILE_PREFIXES = ['0151', '0152', '0157', '0160', '0162', '0170', '0171', '0172', '0176', '0178', '0179'] as const;
