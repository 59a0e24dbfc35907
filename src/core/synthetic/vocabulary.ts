/**
 * Words the synthetic attendee generator builds people from. Interest names are written the
 * way normalizeInterest writes them, and match the canonical names in interests/aliases.ts
 * where the two overlap. Lists of interests run from most to least popular.
 */

export interface NameRegion {
  readonly region: string;
  /** Relative share of attendees with names from this region. */
  readonly weight: number;
  readonly givenNames: readonly string[];
  readonly familyNames: readonly string[];
}

export const nameRegions: readonly NameRegion[] = [
  {
    region: 'Northern and Western Europe, North America',
    weight: 14,
    givenNames: [
      'Emma', 'Oliver', 'Charlotte', 'James', 'Aoife', 'Siobhán', 'Liam', 'Freya', 'Lars', 'Ingrid',
      'Søren', 'Astrid', 'Maja', 'Jonas', 'Lukas', 'Hannah', 'Greta', 'Felix', 'Sanne', 'Daan',
      'Pieter', 'Eilidh', 'Callum', 'Rhys', 'Niamh', 'Brooke',
    ],
    familyNames: [
      'Smith', "O'Brien", 'Murphy', 'Walsh', 'Campbell', 'Jones', 'Hughes', 'Andersson', 'Johansson',
      'Nielsen', 'Larsen', 'Virtanen', 'Korhonen', 'Müller', 'Schmidt', 'Becker', 'Hoffmann', 'de Vries',
      'van Dijk', 'Jansen', 'Bakker', 'Lindqvist', 'Eriksen', 'Halvorsen', 'MacLeod', 'Thompson',
    ],
  },
  {
    region: 'Southern Europe',
    weight: 11,
    givenNames: [
      'Lucía', 'Mateo', 'Inês', 'João', 'Beatriz', 'Giulia', 'Alessandro', 'Chiara', 'Matteo', 'Sofía',
      'Álvaro', 'Nikos', 'Eleni', 'Dimitra', 'Yannis', 'Camille', 'Théo', 'Manon', 'Hugo', 'Léa',
      'Margarida', 'Tiago', 'Francesca', 'Marco',
    ],
    familyNames: [
      'García', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Silva', 'Santos', 'Ferreira', 'Costa',
      'Oliveira', 'Rossi', 'Russo', 'Bianchi', 'Esposito', 'Ricci', 'Papadopoulos', 'Georgiou',
      'Nikolaidis', 'Dubois', 'Lefèvre', 'Moreau', 'Girard', 'Rodrigues', 'Pereira',
    ],
  },
  {
    region: 'Central and Eastern Europe',
    weight: 9,
    givenNames: [
      'Zofia', 'Jakub', 'Agnieszka', 'Tomasz', 'Kateřina', 'Jiří', 'Oksana', 'Taras', 'Olena', 'Andrii',
      'Ioana', 'Andrei', 'Bence', 'Zsófia', 'Milan', 'Jelena', 'Nikola', 'Rasa', 'Mārtiņš', 'Kristiina',
      'Marek', 'Dorota',
    ],
    familyNames: [
      'Kowalski', 'Nowak', 'Wiśniewski', 'Zieliński', 'Wójcik', 'Dvořák', 'Novák', 'Svoboda',
      'Shevchenko', 'Kovalenko', 'Bondarenko', 'Popescu', 'Ionescu', 'Nagy', 'Kovács', 'Horváth',
      'Petrović', 'Jovanović', 'Horvat', 'Kazlauskas', 'Bērziņš', 'Tamm',
    ],
  },
  {
    region: 'West Africa',
    weight: 8,
    givenNames: [
      'Chiamaka', 'Oluwaseun', 'Ngozi', 'Emeka', 'Adaeze', 'Tunde', 'Yetunde', 'Kwame', 'Ama', 'Kofi',
      'Akosua', 'Abena', 'Yaw', 'Mamadou', 'Fatou', 'Awa', 'Ousmane', 'Aminata', 'Ibrahima', 'Chidi',
      'Folake',
    ],
    familyNames: [
      'Okafor', 'Adeyemi', 'Okonkwo', 'Balogun', 'Eze', 'Nwosu', 'Adebayo', 'Mensah', 'Owusu',
      'Boateng', 'Asante', 'Ofori', 'Diallo', 'Ndiaye', 'Sow', 'Diop', 'Traoré', 'Fofana', 'Coulibaly',
    ],
  },
  {
    region: 'East and Southern Africa',
    weight: 6,
    givenNames: [
      'Wanjiru', 'Kamau', 'Achieng', 'Otieno', 'Njeri', 'Abebe', 'Selam', 'Tigist', 'Dawit', 'Hana',
      'Thandiwe', 'Sipho', 'Lerato', 'Thabo', 'Nomvula', 'Amani', 'Neema', 'Baraka', 'Zawadi',
    ],
    familyNames: [
      'Mwangi', 'Odhiambo', 'Kiprop', 'Wambui', 'Njoroge', 'Tesfaye', 'Bekele', 'Haile', 'Girma',
      'Nkosi', 'Dlamini', 'Khumalo', 'Mokoena', 'Ndlovu', 'Mugisha', 'Uwimana', 'Nakato', 'Kimaro',
    ],
  },
  {
    region: 'Middle East, North Africa and Turkey',
    weight: 9,
    givenNames: [
      'Layla', 'Omar', 'Yasmin', 'Karim', 'Nour', 'Youssef', 'Fatima', 'Ahmed', 'Rania', 'Samir',
      'Leila', 'Dariush', 'Shirin', 'Arash', 'Mina', 'Elif', 'Emre', 'Zeynep', 'Mehmet', 'Ayşe',
      'Selin', 'Hamid', 'Salma',
    ],
    familyNames: [
      'Haddad', 'Khoury', 'Mansour', 'Nasser', 'Saleh', 'Hassan', 'Farouk', 'El-Amin', 'Benali',
      'Bouzid', 'Amrani', 'Tahiri', 'Hosseini', 'Rahimi', 'Karimi', 'Moradi', 'Yılmaz', 'Kaya', 'Demir',
      'Şahin', 'Çelik', 'Aydın', 'Öztürk',
    ],
  },
  {
    region: 'South Asia',
    weight: 12,
    givenNames: [
      'Priya', 'Arjun', 'Ananya', 'Rohan', 'Kavya', 'Vikram', 'Meera', 'Aditya', 'Nandini', 'Rahul',
      'Deepika', 'Sanjay', 'Ishaan', 'Lakshmi', 'Farhan', 'Ayesha', 'Imran', 'Zara', 'Nusrat', 'Tanvir',
      'Sunil', 'Dilani', 'Nimal', 'Pooja', 'Harpreet',
    ],
    familyNames: [
      'Sharma', 'Patel', 'Iyer', 'Nair', 'Reddy', 'Gupta', 'Chatterjee', 'Banerjee', 'Menon', 'Rao',
      'Kapoor', 'Singh', 'Khan', 'Qureshi', 'Siddiqui', 'Chowdhury', 'Rahman', 'Hossain', 'Perera',
      'Fernando', 'Jayasuriya', 'Pillai', 'Desai', 'Joshi',
    ],
  },
  {
    region: 'East Asia',
    weight: 11,
    givenNames: [
      'Wei', 'Mei', 'Jun', 'Xiaoling', 'Hao', 'Yun', 'Haruto', 'Yui', 'Sakura', 'Kenji', 'Aiko', 'Ren',
      'Hina', 'Takumi', 'Ji-woo', 'Min-jun', 'Seo-yeon', 'Ha-eun', 'Do-yoon', 'Jia', 'Zhen', 'Yuki',
      'Hyun-woo',
    ],
    familyNames: [
      'Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Sato', 'Suzuki',
      'Takahashi', 'Tanaka', 'Watanabe', 'Yamamoto', 'Nakamura', 'Kim', 'Lee', 'Park', 'Choi', 'Jung',
      'Kang', 'Cho', 'Lin',
    ],
  },
  {
    region: 'Southeast Asia and the Pacific',
    weight: 8,
    givenNames: [
      'Linh', 'Minh', 'Thảo', 'Huy', 'Anh', 'Trang', 'Quang', 'Siti', 'Budi', 'Dewi', 'Putri', 'Agus',
      'Rizal', 'Maricel', 'Paolo', 'Angelica', 'Somchai', 'Malee', 'Aroha', 'Tama', 'Mele', 'Sione',
      'Niran', 'Kanya',
    ],
    familyNames: [
      'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Santoso', 'Wijaya', 'Halim', 'Kusuma',
      'Hidayat', 'Reyes', 'dela Cruz', 'Bautista', 'Mendoza', 'Aquino', 'Sukprasert', 'Srisai',
      'Wongsakul', 'Ngata', 'Tuilagi', 'Fifita',
    ],
  },
  {
    region: 'Latin America',
    weight: 12,
    givenNames: [
      'Valentina', 'Santiago', 'Camila', 'Sebastián', 'Isabella', 'Diego', 'Mariana', 'Joaquín', 'Renata',
      'Emiliano', 'Ximena', 'Thiago', 'Gabriela', 'Rafael', 'Daniela', 'Nicolás', 'Paula', 'Andrés',
      'Luana', 'Caio', 'Marisol', 'Guadalupe',
    ],
    familyNames: [
      'González', 'Rodríguez', 'Hernández', 'Pérez', 'Ramírez', 'Torres', 'Flores', 'Rivera', 'Gómez',
      'Díaz', 'Morales', 'Vargas', 'Castillo', 'Rojas', 'Souza', 'Lima', 'Carvalho', 'Almeida',
      'Barbosa', 'Quispe', 'Mamani', 'Huamán', 'Jiménez', 'Ortiz',
    ],
  },
];

export const cities: readonly string[] = [
  'Lisbon', 'Porto', 'Madrid', 'Barcelona', 'València', 'Paris', 'Lyon', 'Berlin', 'Hamburg', 'Munich',
  'Zürich', 'Vienna', 'Amsterdam', 'Rotterdam', 'Brussels', 'London', 'Manchester', 'Glasgow', 'Dublin',
  'Copenhagen', 'Malmö', 'Stockholm', 'Oslo', 'Helsinki', 'Reykjavík', 'Tallinn', 'Warsaw', 'Kraków',
  'Prague', 'Budapest', 'Bucharest', 'Kyiv', 'Athens', 'Milan', 'Rome', 'Istanbul', 'Beirut', 'Cairo',
  'Casablanca', 'Tunis', 'Lagos', 'Accra', 'Dakar', 'Nairobi', 'Kigali', 'Addis Ababa', 'Cape Town',
  'Johannesburg', 'Dubai', 'Tehran', 'Bengaluru', 'Mumbai', 'Delhi', 'Dhaka', 'Colombo', 'Karachi',
  'Singapore', 'Jakarta', 'Manila', 'Hồ Chí Minh City', 'Bangkok', 'Seoul', 'Tokyo', 'Osaka', 'Taipei',
  'Shanghai', 'Sydney', 'Melbourne', 'Auckland', 'Toronto', 'Montréal', 'Vancouver', 'New York', 'Chicago',
  'Austin', 'Mexico City', 'Bogotá', 'Medellín', 'Lima', 'Santiago', 'Buenos Aires', 'São Paulo',
  'Rio de Janeiro',
];

export const emailDomains: readonly string[] = ['example.org', 'example.com', 'example.net'];

export interface Persona {
  readonly id: string;
  /** Relative share of attendees with this persona. */
  readonly weight: number;
  /** "Swapping notes with other …". */
  readonly plural: string;
  /** "Meeting other parents who …". */
  readonly doing: string;
  readonly roles: readonly string[];
  /** "at a …" follows the role after a space, anything else after a comma; `{city}` is filled in. */
  readonly workplaces: readonly string[];
  /** First-person openings of a bio, without the final period. */
  readonly about: readonly string[];
  /** Work interests, most popular first. */
  readonly topics: readonly string[];
  readonly questions: readonly string[];
  readonly hereFor: readonly string[];
}

export const personas: readonly Persona[] = [
  {
    id: 'software engineer',
    weight: 18,
    plural: 'software engineers',
    doing: 'code',
    roles: [
      'Software engineer', 'Backend engineer', 'Frontend developer', 'Full-stack developer',
      'Site reliability engineer', 'Platform engineer', 'Mobile developer', 'Staff engineer',
      'Security engineer', 'Embedded software engineer',
    ],
    workplaces: [
      'at a logistics startup', 'at a public broadcaster', 'at a bank', 'at a health insurer',
      'at a game studio', 'at a small web agency', 'at a travel platform', 'at a university hospital',
      'at an energy cooperative', 'at a newspaper', '{city} transit authority', 'freelance, {city}',
    ],
    about: [
      'I write software for a living and try to keep it simple',
      'I have been writing code for about ten years',
      'I moved from physics into software a few years ago',
      'I care a lot about code that is easy to change',
      'I work on a small team that looks after a large codebase',
    ],
    topics: [
      'JavaScript', 'Python', 'TypeScript', 'Open source', 'DevOps', 'Kubernetes', 'PostgreSQL', 'Rust',
      'React', 'Go', 'Frontend development', 'Backend development', 'Node.js', 'Cybersecurity',
      'Accessibility', 'Site reliability engineering', 'Software architecture', 'Distributed systems',
      'Functional programming', 'Testing', 'Linux', 'WebAssembly', 'Game development', 'Developer experience',
      'Elixir', 'Compilers', 'Embedded systems', 'Technical writing', 'C++', 'Internationalization',
    ],
    questions: [
      'What is the strangest bug you have ever fixed?', 'Which tool would you never give up?',
      'What was the first thing you ever programmed?', 'What would you rewrite if you had a month?',
    ],
    hereFor: [
      'Meeting people who care about maintainable code', 'Finding people to pair with on side projects',
      'Learning how other teams run on-call', 'Hearing how others got into open source',
    ],
  },
  {
    id: 'data scientist',
    weight: 9,
    plural: 'data people',
    doing: 'work with data',
    roles: [
      'Data scientist', 'Data engineer', 'Machine learning engineer', 'Analytics engineer',
      'Data analyst', 'Research scientist', 'Statistician',
    ],
    workplaces: [
      'at a logistics startup', 'at a weather service', 'at a grocery chain', 'at a public health agency',
      'at a streaming service', 'at a mapping company', 'at a climate nonprofit', '{city} city council',
    ],
    about: [
      'I turn messy data into decisions people can trust',
      'I try to explain uncertainty to people who want one number',
      'I spend most of my time on the data behind the models',
      'I came to data work from economics',
    ],
    topics: [
      'Machine learning', 'Data science', 'Python', 'Artificial intelligence', 'Data visualization',
      'Statistics', 'Large language models', 'Data engineering', 'PostgreSQL', 'Deep learning',
      'Natural language processing', 'Computer vision', 'Open data', 'Data ethics', 'Forecasting',
      'Causal inference', 'Recommender systems', 'SQL', 'Bayesian statistics', 'Geospatial data',
    ],
    questions: [
      'What is the messiest dataset you have ever worked with?', 'Which chart changed your mind about something?',
      'How do you explain a confidence interval to your family?',
    ],
    hereFor: [
      'Swapping notes on putting models into production', 'Meeting people working with open data',
      'Finding out how others do data work in small teams',
    ],
  },
  {
    id: 'designer',
    weight: 8,
    plural: 'designers',
    doing: 'design',
    roles: [
      'Product designer', 'UX designer', 'Service designer', 'Interaction designer', 'UX researcher',
      'Visual designer', 'Design lead', 'Content designer',
    ],
    workplaces: [
      'at a design studio', 'at a public services team', 'at a language learning app', 'at a bank',
      'at a museum', 'at a healthtech startup', 'freelance, {city}', '{city} design collective',
    ],
    about: [
      'I design things people use when they are stressed and in a hurry',
      'I came to design from architecture',
      'I like making complicated things feel simple',
      'I spend as much time talking to people as drawing screens',
    ],
    topics: [
      'User experience design', 'User research', 'Accessibility', 'Design systems', 'Typography',
      'Service design', 'Illustration', 'Product design', 'Figma', 'Prototyping', 'Information architecture',
      'Inclusive design', 'Motion design', 'Branding', 'Design ethics', 'Creative coding', 'Content design',
    ],
    questions: [
      'What is a piece of everyday design you secretly love?', 'What did your last usability test teach you?',
      'Which typeface would you ban?',
    ],
    hereFor: [
      'Seeing how other teams run design critiques', 'Meeting researchers outside my field',
      'Finding people who care about accessible services',
    ],
  },
  {
    id: 'product manager',
    weight: 6,
    plural: 'product managers',
    doing: 'build products',
    roles: ['Product manager', 'Senior product manager', 'Product owner', 'Head of product', 'Technical product manager'],
    workplaces: [
      'at a mobility startup', 'at a healthtech company', 'at a public library service', 'at a fintech',
      'at a language learning app', 'at an online grocery', '{city} digital service',
    ],
    about: [
      'I help teams decide what not to build', 'I moved from engineering into product and still miss the code',
      'I work on tools for people who run small shops', 'I spend my time between customers and engineers',
    ],
    topics: [
      'Product management', 'User research', 'Remote work', 'Product strategy', 'Experimentation',
      'Team leadership', 'Agile', 'Analytics', 'Facilitation', 'Decision making', 'Roadmapping',
      'Accessibility', 'Writing', 'Behavioral science',
    ],
    questions: [
      'What is a feature you were glad to remove?', 'How do you say no to a good idea?',
      'What did your worst launch teach you?',
    ],
    hereFor: [
      'Learning how other teams decide what to build', 'Meeting engineers and designers outside my company',
      'Swapping notes on remote teamwork',
    ],
  },
  {
    id: 'founder',
    weight: 5,
    plural: 'founders',
    doing: 'run small companies',
    roles: ['Founder', 'Co-founder', 'Cooperative co-founder', 'Owner'],
    workplaces: [
      'at a bike repair cooperative', 'at a small bakery', 'at an edtech startup', 'at a design studio',
      'at a solar installation cooperative', 'at a translation agency', '{city} coworking space',
    ],
    about: [
      'I started a small company and learn something new every week', 'I run a worker cooperative with eleven members',
      'I left a big company to build something slower', 'I run a family business my parents started',
    ],
    topics: [
      'Entrepreneurship', 'Product management', 'Team leadership', 'Remote work', 'Company culture',
      'Sustainability', 'Cooperatives', 'Social enterprise', 'Small business', 'Bootstrapping',
      'Open source', 'Edtech', 'Fintech', 'Work-life balance',
    ],
    questions: [
      'What is the best mistake you have made?', 'What do you wish you had known in year one?',
      'How do you switch off after work?',
    ],
    hereFor: [
      'Meeting other people who run small companies', 'Learning how cooperatives make decisions',
      'Talking about anything except work for an evening',
    ],
  },
  {
    id: 'researcher',
    weight: 7,
    plural: 'researchers',
    doing: 'do research',
    roles: ['PhD candidate', 'Postdoctoral researcher', 'Research fellow', 'Lecturer', 'Lab manager', 'Professor'],
    workplaces: [
      'at a university lab', 'at a marine research institute', 'at a public research center',
      'at a climate research group', 'University of {city}', '{city} institute of technology',
    ],
    about: [
      'I spend my days between the lab and a lot of code',
      'I came back to research after a few years in industry',
      'I write more software than papers these days',
      'I love explaining my research and do it badly at parties',
      'I am trying to make my field a bit more open',
    ],
    topics: [
      'Machine learning', 'Open science', 'Statistics', 'Science communication', 'Climate science',
      'Neuroscience', 'Research software', 'Mathematics', 'Reproducibility', 'Ecology', 'Bioinformatics',
      'Epidemiology', 'Linguistics', 'Physics', 'History', 'Philosophy of science', 'Peer review', 'Oceanography',
    ],
    questions: [
      'What is your research about, in one sentence?', 'What result surprised you the most?',
      'What would you study if you started again?',
    ],
    hereFor: [
      'Meeting people outside academia', 'Finding people who turn research into practice',
      'Practising how to explain my work simply',
    ],
  },
  {
    id: 'community organizer',
    weight: 6,
    plural: 'organizers',
    doing: 'organize',
    roles: ['Community organizer', 'Volunteer coordinator', 'Program manager', 'Youth worker', 'Campaigner', 'Caseworker'],
    workplaces: [
      '{city} food bank', '{city} tenants union', 'at a refugee support charity', 'at a youth club',
      'at a community energy project', 'at a housing charity', '{city} repair café',
    ],
    about: [
      'I coordinate two hundred volunteers and far too many spreadsheets', 'I organize tenants in my neighbourhood',
      'I run after-school programs for teenagers', 'I help newcomers find their way around the city',
    ],
    topics: [
      'Community organizing', 'Nonprofits', 'Volunteering', 'Social justice', 'Housing', 'Food security',
      'Refugee support', 'Sustainability', 'Civic tech', 'Mutual aid', 'Public health', 'Grant writing',
      'Urban planning', 'Youth work', 'Local politics',
    ],
    questions: [
      'What keeps you going when a campaign stalls?', 'What is a small win you are proud of?',
      'How did your neighbourhood change in the last ten years?',
    ],
    hereFor: [
      'Meeting people who want to volunteer their skills', 'Finding tech people who care about local causes',
      'Learning how other groups keep volunteers around',
    ],
  },
  {
    id: 'communications',
    weight: 6,
    plural: 'communications people',
    doing: 'write for a living',
    roles: ['Content strategist', 'Communications manager', 'Community manager', 'Copywriter', 'Social media editor', 'Brand designer'],
    workplaces: [
      'at a climate nonprofit', 'at a museum', 'at an open source foundation', 'at a university',
      'at a public broadcaster', 'at a festival', 'freelance, {city}',
    ],
    about: [
      'I help organizations say things clearly', 'I run the community around an open source project',
      'I write newsletters people actually open', 'I tell the stories behind research projects',
    ],
    topics: [
      'Storytelling', 'Content strategy', 'Writing', 'Community building', 'Social media', 'Copywriting',
      'Newsletters', 'Search engine optimization', 'Podcasting', 'Video production', 'Public relations',
      'Analytics', 'Behavioral science', 'Branding',
    ],
    questions: [
      'What is the best sentence you read this week?', 'Which newsletter would you recommend?',
      'How do you deal with a blank page?',
    ],
    hereFor: [
      'Meeting people with stories worth telling', 'Learning how other communities stay friendly',
      'Finding collaborators for a podcast',
    ],
  },
  {
    id: 'teacher',
    weight: 7,
    plural: 'teachers',
    doing: 'teach',
    roles: [
      'Primary school teacher', 'Secondary school teacher', 'Maths teacher', 'Language teacher',
      'Special education teacher', 'Adult education tutor', 'Head of science',
    ],
    workplaces: [
      'at a primary school', 'at a bilingual school', 'at an adult learning center', 'at a coding school',
      '{city} community college', '{city} public library',
    ],
    about: [
      'I teach and learn from my students every day',
      'I have been teaching for twelve years and still love it',
      'I run a coding club after school',
      'I try to make hard subjects less scary',
    ],
    topics: [
      'Education', 'Edtech', 'Language learning', 'Mathematics', 'Curriculum design', 'STEM education',
      'Special education', 'Early childhood education', 'Literacy', 'Inclusive education',
      'Coding for kids', 'Outdoor learning', 'Adult education', 'Classroom management',
    ],
    questions: [
      'What is the best question a student ever asked you?', 'Which teacher changed your life?',
      'What would you change about school?',
    ],
    hereFor: [
      'Meeting people who could visit my class', 'Finding ideas for our coding club',
      'Learning what skills my students will need',
    ],
  },
  {
    id: 'healthcare',
    weight: 6,
    plural: 'health workers',
    doing: 'work in healthcare',
    roles: [
      'Nurse', 'Emergency physician', 'General practitioner', 'Physiotherapist', 'Midwife', 'Pharmacist',
      'Clinical psychologist', 'Public health officer',
    ],
    workplaces: [
      'at a university hospital', 'at a rural clinic', 'at a children’s hospital', 'at a public health agency',
      '{city} general hospital', 'at a community health center',
    ],
    about: [
      'I work shifts and think a lot about how care could be simpler',
      'I have worked in hospitals for fifteen years',
      'I try to make clinics less confusing for patients',
      'I care about the patients who fall through the cracks',
    ],
    topics: [
      'Public health', 'Mental health', 'Digital health', 'Nursing', 'Patient safety', 'Health equity',
      'Nutrition', 'Epidemiology', 'Medical education', 'Palliative care', 'Global health',
      'Physiotherapy', 'Sleep science',
    ],
    questions: [
      'What do people misunderstand about your job?', 'How do you unwind after a long shift?',
      'What would make a hospital visit less stressful?',
    ],
    hereFor: [
      'Meeting people building tools for clinics', 'Hearing how technology could save nurses time',
      'Finding people who care about health equity',
    ],
  },
  {
    id: 'finance',
    weight: 5,
    plural: 'finance people',
    doing: 'work with numbers',
    roles: ['Accountant', 'Financial analyst', 'Risk analyst', 'Treasury manager', 'Auditor', 'Economist'],
    workplaces: [
      'at a credit union', 'at a fintech', 'at a microfinance institution', 'at a central bank',
      'at an accounting firm', '{city} city council',
    ],
    about: [
      'I help organizations keep their books in order',
      'I spend my days with numbers and the people behind them',
      'I work on making money matters less confusing',
      'I came to finance from mathematics',
    ],
    topics: [
      'Fintech', 'Personal finance', 'Economics', 'Accounting', 'Financial inclusion', 'Risk management',
      'Payments', 'Behavioral economics', 'Data science', 'Open banking', 'Regulation', 'Microfinance',
      'Tax policy',
    ],
    questions: [
      'What money habit do you wish you had learned earlier?', 'What makes a budget actually work?',
      'Which economic idea do people get wrong?',
    ],
    hereFor: [
      'Meeting people working on financial inclusion', 'Learning how nonprofits plan their budgets',
      'Talking with people far from finance',
    ],
  },
  {
    id: 'student',
    weight: 8,
    plural: 'students',
    doing: 'study',
    roles: ['Computer science student', 'Design student', 'Economics student', 'Biology student', 'Master’s student', 'Bootcamp student'],
    workplaces: ['University of {city}', '{city} institute of technology', 'at a coding bootcamp', 'at an art school'],
    about: [
      'I am in my final year and curious about everything', 'I switched from biology to programming last year',
      'I run the hackathon club at my university', 'I am writing my thesis and looking for real problems to work on',
    ],
    topics: [
      'Machine learning', 'Python', 'Open source', 'Hackathons', 'Entrepreneurship', 'Career development',
      'Game development', 'Mathematics', 'Robotics', 'Study abroad', 'Philosophy', 'Artificial intelligence',
      'Web development', 'Student organizing',
    ],
    questions: [
      'What do you wish you had known as a student?', 'What was your first job like?',
      'Which course would you take again?',
    ],
    hereFor: [
      'Finding a mentor', 'Learning what people actually do all day', 'Meeting people who changed careers',
    ],
  },
  {
    id: 'journalist',
    weight: 4,
    plural: 'journalists',
    doing: 'write',
    roles: ['Journalist', 'Data journalist', 'Editor', 'Podcast producer', 'Fact-checker', 'Freelance writer', 'Translator'],
    workplaces: ['at a local newspaper', 'at a public broadcaster', 'at a science magazine', 'freelance, {city}', '{city} community radio'],
    about: [
      'I write about how cities and technology change each other',
      'I spend my days checking what people claim',
      'I work in audio and love a good interview',
      'I have been a reporter for eight years',
    ],
    topics: [
      'Journalism', 'Writing', 'Data journalism', 'Storytelling', 'Podcasting', 'Fact-checking',
      'Media literacy', 'Local news', 'Editing', 'Press freedom', 'Translation', 'Publishing',
    ],
    questions: [
      'What story do you think nobody is telling?', 'Which podcast made you change your mind?',
      'What do you read first in the morning?',
    ],
    hereFor: [
      'Meeting people with unusual jobs', 'Finding sources on technology and society',
      'Learning how communities use local news',
    ],
  },
  {
    id: 'public servant',
    weight: 5,
    plural: 'public servants',
    doing: 'work in government',
    roles: ['Policy advisor', 'Civil servant', 'Urban planner', 'Digital service manager', 'Data protection officer', 'Diplomat'],
    workplaces: ['{city} city council', 'at a transport ministry', 'at a regional government', 'at an embassy', 'at a public digital agency'],
    about: [
      'I work in government and try to make it work better',
      'I spend my days between politicians and engineers',
      'I work on making public services work on a phone',
      'I moved from a startup into the public sector',
    ],
    topics: [
      'Public policy', 'Civic tech', 'Urban planning', 'Open data', 'Digital public services', 'Housing',
      'Transport policy', 'Data protection', 'Democracy', 'Participatory budgeting', 'Regulation', 'Diplomacy',
    ],
    questions: [
      'What is one thing you would change about your city?', 'Which public service works surprisingly well?',
      'How do you explain your job to your friends?',
    ],
    hereFor: [
      'Meeting people who build civic tech', 'Hearing what residents want from the city',
      'Learning from other public services',
    ],
  },
  {
    id: 'artist',
    weight: 5,
    plural: 'artists',
    doing: 'make art',
    roles: ['Illustrator', 'Musician', 'Music producer', 'Painter', 'Filmmaker', 'Theater director', 'Ceramicist', 'Photographer'],
    workplaces: ['freelance, {city}', '{city} artist studios', 'at a community theater', 'at a recording studio', 'at an animation studio'],
    about: [
      'I make things for a living and teach on the side',
      'I have had a studio in the city for ten years',
      'I work across sound, image and code',
      'I love projects where strangers make something together',
    ],
    topics: [
      'Illustration', 'Music production', 'Film', 'Painting', 'Creative coding', 'Theater', 'Printmaking',
      'Animation', 'Public art', 'Art education', 'Electronic music', 'Photography', 'Sound design', 'Dance',
    ],
    questions: [
      'What are you working on at the moment?', 'Which artist would you love to meet?',
      'What do you do when you feel stuck?',
    ],
    hereFor: [
      'Meeting people who want to collaborate on something odd', 'Finding a place to show my work',
      'Learning how technology could help artists',
    ],
  },
  {
    id: 'hardware engineer',
    weight: 5,
    plural: 'engineers',
    doing: 'build things',
    roles: ['Mechanical engineer', 'Electrical engineer', 'Energy engineer', 'Robotics engineer', 'Hardware engineer', 'Process engineer'],
    workplaces: [
      'at a wind energy company', 'at a battery startup', 'at a bicycle maker', 'at a robotics lab',
      'at an energy cooperative', 'at a water utility', '{city} makerspace',
    ],
    about: [
      'I build physical things and the software that runs them',
      'I keep machines running and love fixing them',
      'I work on the energy transition one project at a time',
      'I spend as much time in the workshop as at a desk',
    ],
    topics: [
      'Renewable energy', 'Sustainability', 'Robotics', 'Electric vehicles', 'Embedded systems',
      '3D printing', 'Internet of Things', 'Circular economy', 'Energy storage', 'Manufacturing',
      'Materials science', 'Mechanical engineering', 'Water management',
    ],
    questions: [
      'What is the best thing you have built with your hands?', 'What is your favourite machine?',
      'Which invention is underrated?',
    ],
    hereFor: [
      'Meeting people working on the energy transition', 'Finding people for a repair café',
      'Learning how software people think about hardware',
    ],
  },
];

/** Everyday-life interests, most popular first; the tail is rare on purpose. */
export const lifeInterests: readonly string[] = [
  'Travel', 'Cooking', 'Running', 'Hiking', 'Music', 'Reading', 'Photography', 'Yoga', 'Cycling', 'Film',
  'Parenting', 'Board games', 'Specialty coffee', 'Rock climbing', 'Video games', 'Baking', 'Gardening',
  'Language learning', 'Swimming', 'Football', 'Meditation', 'Volunteering', 'Bouldering', 'Fitness',
  'Writing', 'Jazz', 'Dancing', 'Podcasts', 'Tennis', 'Science fiction', 'Mental health', 'Basketball',
  'Camping', 'Trail running', 'Skiing', 'Chess', 'Surfing', 'Theater', 'Guitar', 'Sustainability',
  'Vegan cooking', 'Knitting', 'Poetry', 'Museums', 'Architecture', 'History', 'Weightlifting', 'Piano',
  'Singing', 'Mountain biking', 'Stand-up comedy', 'Dungeons & Dragons', 'Comics', 'Sailing', 'Martial arts',
  'Electronic music', 'Hip-hop', 'Classical music', 'Urban sketching', 'Pottery', 'Woodworking', 'Kayaking',
  'Astronomy', 'Birdwatching', 'Fermentation', 'Salsa dancing', 'Tango', 'Cricket', 'Rugby', 'Volleyball', 'Pilates',
  'Table tennis', 'Scuba diving', 'Philosophy', 'Anime', 'Crosswords', 'Foraging', 'Calligraphy', 'Opera',
  'Improv theater', 'Vinyl records', 'Karaoke', 'Rowing', 'Archery', 'Fencing', 'Genealogy', 'Embroidery',
  'Origami', 'Bonsai', 'Beekeeping', 'Capoeira', 'Bookbinding', 'Quilting', 'Cold-water swimming',
  'Amateur radio', 'Ultramarathons', 'Lock picking', 'Falconry',
];

/**
 * Things to know about, written to follow "Advice on …", "Tips on …", "Help with …": one
 * vocabulary for offers and for what people look for, so that the two can meet. Interests
 * without an entry fall back to "getting started with …" / "getting into …".
 */
export const subjectsByInterest: Readonly<Record<string, readonly string[]>> = {
  JavaScript: ['debugging JavaScript in the browser', 'keeping JavaScript bundles small'],
  TypeScript: ['moving a codebase to TypeScript', 'writing TypeScript types that stay readable'],
  Python: ['writing Python packages', 'getting started with Python'],
  Rust: ['getting started with Rust', 'reviewing code as a Rust beginner'],
  Go: ['writing command-line tools in Go'],
  React: ['structuring large React apps'],
  'Open source': ['making a first open source contribution', 'maintaining an open source project without burning out'],
  DevOps: ['setting up continuous delivery', 'writing runbooks people read'],
  Kubernetes: ['running Kubernetes on a small team', 'deciding whether you need Kubernetes at all'],
  PostgreSQL: ['tuning slow PostgreSQL queries', 'PostgreSQL schema design'],
  Cybersecurity: ['threat modelling for small teams', 'securing a personal laptop'],
  Accessibility: ['accessibility testing with a screen reader', 'writing accessible forms'],
  'Site reliability engineering': ['running a calm on-call rotation', 'writing blameless postmortems'],
  'Software architecture': ['splitting up a monolith', 'writing architecture decision records'],
  'Distributed systems': ['debugging distributed systems'],
  Testing: ['testing legacy code', 'property-based testing'],
  'Game development': ['finishing a first small game'],
  'Technical writing': ['writing documentation developers read'],
  'Machine learning': ['putting machine learning models into production', 'choosing a first machine learning course'],
  'Data science': ['switching careers into data science', 'structuring a data science project'],
  'Artificial intelligence': ['explaining AI to non-technical colleagues'],
  'Data visualization': ['making clearer charts', 'choosing the right chart'],
  Statistics: ['making sense of A/B test results', 'learning statistics again'],
  'Large language models': ['evaluating large language model outputs'],
  'Data engineering': ['building reliable data pipelines'],
  'Open data': ['finding and cleaning open data'],
  'Data ethics': ['running an ethics review for a data project'],
  'User experience design': ['moving into UX design', 'running a design critique'],
  'User research': ['finding participants for interviews', 'running a first user interview'],
  'Design systems': ['starting a design system'],
  Typography: ['pairing typefaces'],
  'Service design': ['mapping a service end to end'],
  Illustration: ['building an illustration portfolio', 'drawing on an iPad'],
  'Product management': ['moving from engineering into product management', 'writing a product roadmap'],
  'Remote work': ['running remote meetings that end on time', 'staying connected in a remote team'],
  'Team leadership': ['becoming a first-time manager', 'giving useful feedback'],
  Facilitation: ['facilitating workshops', 'running a retrospective'],
  Entrepreneurship: ['starting a small business on the side', 'writing a first business plan'],
  Cooperatives: ['setting up a worker cooperative'],
  'Work-life balance': ['setting boundaries at work'],
  'Open science': ['publishing preprints', 'sharing research data openly'],
  'Science communication': ['explaining research to a general audience', 'giving a first science talk'],
  'Research software': ['turning research code into a reusable tool'],
  'Climate science': ['reading climate reports'],
  'Community organizing': ['starting a tenants group', 'running a community meeting'],
  Nonprofits: ['setting up a small charity', 'writing an annual report for a nonprofit'],
  Volunteering: ['finding volunteering that fits a busy week', 'keeping volunteers motivated'],
  'Grant writing': ['writing a first grant application'],
  'Civic tech': ['starting a civic tech project'],
  'Food security': ['starting a community fridge'],
  'Refugee support': ['supporting newly arrived families'],
  Storytelling: ['telling a story on stage', 'turning data into a story'],
  'Content strategy': ['planning content for a small team'],
  Writing: ['getting a first essay published', 'keeping a writing habit'],
  'Community building': ['growing an online community', 'moderating a friendly forum'],
  Newsletters: ['starting a newsletter'],
  'Search engine optimization': ['making a small website easier to find'],
  Podcasting: ['recording a podcast at home', 'editing audio for podcasts'],
  'Video production': ['filming with a phone'],
  Education: ['teaching teenagers about technology'],
  Edtech: ['choosing learning apps for a classroom'],
  'Language learning': ['learning a language as an adult', 'keeping a language up after moving away'],
  Mathematics: ['making maths less scary', 'learning linear algebra again'],
  'Curriculum design': ['designing a short course'],
  'Coding for kids': ['starting a coding club for kids'],
  'Early childhood education': ['choosing a nursery'],
  'Public health': ['reading health statistics'],
  'Mental health': ['looking after mental health at work', 'finding a therapist'],
  'Digital health': ['designing apps for patients'],
  Nutrition: ['eating well on night shifts'],
  Nursing: ['moving into nursing as a second career'],
  'Personal finance': ['building a simple budget', 'understanding pensions'],
  Accounting: ['bookkeeping for freelancers', 'keeping the books for a small nonprofit'],
  Economics: ['reading economic news critically'],
  'Financial inclusion': ['sending money home cheaply'],
  Fintech: ['understanding how card payments work'],
  Hackathons: ['organizing a student hackathon', 'preparing for a first hackathon'],
  'Career development': ['writing a first CV', 'changing careers after thirty'],
  'Study abroad': ['studying abroad on a budget'],
  Journalism: ['reporting on your own neighbourhood', 'writing for a local paper'],
  'Data journalism': ['finding stories in public data'],
  'Fact-checking': ['checking a viral claim'],
  Translation: ['becoming a freelance translator'],
  Editing: ['editing your own writing'],
  'Public policy': ['responding to a public consultation', 'writing a policy brief'],
  'Urban planning': ['making a street safer for cycling', 'reading a zoning plan'],
  'Digital public services': ['designing a service for everyone'],
  'Data protection': ['writing a privacy notice people understand', 'data protection for small projects'],
  'Participatory budgeting': ['running a neighbourhood budget vote'],
  'Music production': ['recording music at home', 'mixing a first track'],
  Film: ['making a short film on no budget'],
  Painting: ['painting with watercolours'],
  'Creative coding': ['making generative art with code'],
  Theater: ['joining an amateur theater group'],
  Printmaking: ['linocut printing at home'],
  Photography: ['street photography', 'taking better photos with a phone', 'developing film at home'],
  'Renewable energy': ['putting solar panels on a flat', 'starting a community energy project'],
  Sustainability: ['cutting the carbon footprint of a small office', 'measuring the footprint of a website'],
  Robotics: ['building a first robot'],
  'Electric vehicles': ['switching to an electric car', 'cargo bikes for family life'],
  '3D printing': ['choosing a first 3D printer', 'designing parts for 3D printing'],
  'Internet of Things': ['building a home weather station'],
  'Circular economy': ['running a repair café'],
  Travel: ['travelling by train across Europe', 'travelling with kids', 'slow travel on a budget'],
  Cooking: ['cooking for a crowd', 'cooking with what is left in the fridge'],
  Running: ['training for a first half marathon', 'running through injuries'],
  Hiking: ['planning a multi-day hike', 'finding hiking trails near the city'],
  Music: ['learning an instrument as an adult', 'finding local concerts'],
  Reading: ['starting a book club', 'reading more fiction'],
  Yoga: ['starting yoga with a stiff back'],
  Cycling: ['commuting by bike in winter', 'bike maintenance basics'],
  Parenting: ['working with a newborn at home', 'raising bilingual kids', 'going back to work after parental leave'],
  'Board games': ['running a board game night', 'choosing board games for two'],
  'Specialty coffee': ['making espresso at home'],
  'Rock climbing': ['getting into outdoor climbing', 'finding climbing spots near the city'],
  Bouldering: ['bouldering technique for beginners'],
  Baking: ['keeping a sourdough starter alive', 'baking bread at home'],
  Gardening: ['community gardening', 'growing vegetables on a balcony'],
  Swimming: ['learning to swim as an adult'],
  Meditation: ['keeping a daily meditation habit'],
  Dancing: ['learning to dance with two left feet'],
  Podcasts: ['finding podcasts worth the time'],
  'Vegan cooking': ['cooking vegan for the whole family'],
  Knitting: ['knitting a first jumper'],
  Woodworking: ['woodworking in a small flat'],
  Fermentation: ['making kimchi at home', 'fermenting vegetables'],
  Birdwatching: ['birdwatching in the city'],
  Astronomy: ['choosing a first telescope'],
  Beekeeping: ['keeping bees on a city rooftop'],
  Foraging: ['foraging safely for mushrooms'],
  'Urban sketching': ['sketching on the go'],
  Chess: ['getting better at chess after forty'],
  Sailing: ['learning to sail'],
  'Dungeons & Dragons': ['running a first Dungeons & Dragons campaign'],
  Genealogy: ['tracing family history'],
  Housing: ['understanding tenant rights', 'starting a housing cooperative'],
  Democracy: ['running a citizens assembly'],
  'Local politics': ['standing for a local council', 'writing to a local representative'],
  'Social justice': ['organizing a first campaign'],
  'Mutual aid': ['setting up a mutual aid group'],
  'Youth work': ['running activities for teenagers'],
  'Transport policy': ['making the case for better buses'],
  Regulation: ['reading new regulation without a lawyer'],
  Diplomacy: ['working abroad for a government'],
  'Tax policy': ['understanding how taxes are spent'],
  'Risk management': ['thinking about risk in a small organization'],
  'Press freedom': ['protecting sources'],
  'Local news': ['starting a neighbourhood news site'],
  'Media literacy': ['spotting misleading headlines', 'teaching media literacy'],
  Publishing: ['self-publishing a book'],
  Animation: ['making a first short animation'],
  'Public art': ['painting a community mural'],
  'Art education': ['running art workshops for kids'],
  'Electronic music': ['making electronic music at home'],
  'Social media': ['running social media for a small organization'],
  Copywriting: ['writing clear website copy'],
  'Public relations': ['talking to journalists'],
  Analytics: ['setting up privacy-friendly analytics'],
  'Behavioral science': ['designing nudges that respect people'],
  Branding: ['naming a project'],
  'Health equity': ['reaching patients who rarely see a doctor'],
  'Palliative care': ['talking about end-of-life care'],
  Physiotherapy: ['recovering from a running injury'],
  'Sleep science': ['sleeping better on shift work'],
  Epidemiology: ['reading an epidemiology study'],
  'Special education': ['supporting neurodivergent learners'],
  Literacy: ['helping adults learn to read'],
  'Company culture': ['writing a team handbook'],
};

/** Subjects about a place; `{city}` is where the person lives when offered, anywhere when sought. */
export const citySubjects: readonly string[] = [
  'moving to {city}', 'finding a flat in {city}', 'getting around {city} without a car', 'finding good food in {city}',
];

export const offerForms: readonly string[] = [
  'Advice on {subject}', 'Tips on {subject}', 'Help with {subject}', 'Sharing what I know about {subject}',
];
export const seekingForms: readonly string[] = [
  'Advice on {subject}', 'Tips on {subject}', 'Help with {subject}', 'Pointers on {subject}',
];

/** Interest names that stay capitalized in the middle of a sentence although nothing else marks them. */
export const properInterestNames: ReadonlySet<string> = new Set([
  'Python', 'Rust', 'Go', 'React', 'Node.js', 'Kubernetes', 'Linux', 'Figma', 'Elixir', 'Dungeons & Dragons',
]);

/** `{interest}` is one of the person's interests as written mid-sentence. */
export const interestQuestionForms: readonly string[] = [
  'What got you into {interest}?', 'What would you tell someone new to {interest}?',
  'What do people get wrong about {interest}?', 'What is the best thing {interest} taught you?',
];

export const generalQuestions: readonly string[] = [
  'What are you reading at the moment?', 'What did you want to be as a kid?', 'What are you learning right now?',
  'What is something you changed your mind about?', 'Where did you grow up?', 'What would you do with a free year?',
  'What is the best advice you ever ignored?', 'Which talk today surprised you?', 'What made you smile this week?',
  'What is a skill you picked up recently?', 'Which city should I visit next?', 'What is your favourite place in {city}?',
  'What is a small project you are proud of?', 'What are you curious about lately?',
];

export const generalHereFor: readonly string[] = [
  'Meeting people outside my bubble', 'Getting to know people in {city}', 'Making a few new friends',
  'Learning something I know nothing about', 'Finding people to start a reading group with',
  'Hearing what everyone is working on', 'Meeting people who changed careers', 'Finding a study buddy',
  'Having good conversations away from screens', 'Finding people for a weekend project',
];

/** `{interest}` is a life interest, mid-sentence. */
export const lifeHereForForms: readonly string[] = [
  'Finding a {interest} buddy in {city}', 'Meeting people who are into {interest}', 'Swapping {interest} stories',
];

export const groupFirstWords: readonly string[] = [
  'Kestrel', 'Juniper', 'Saffron', 'Basalt', 'Harbor', 'Meridian', 'Tidewater', 'Lantern', 'Copperleaf',
  'Birchwood', 'Quarry', 'Orchard', 'Larkspur', 'Cobalt', 'Fennel', 'Granite', 'Heron', 'Indigo', 'Jasmine',
  'Kelp', 'Lumen', 'Marigold', 'Nimbus', 'Oakmont', 'Pebble', 'Quill', 'Rowan', 'Sable', 'Tamarind', 'Umber',
  'Verdant', 'Willow', 'Yarrow', 'Zephyr', 'Alder', 'Bramble', 'Cinder', 'Driftwood', 'Ember', 'Fjord',
];

export const groupSecondWords: readonly string[] = [
  'Labs', 'Health', 'Analytics', 'Studio', 'Collective', 'Systems', 'Works', 'Foundation', 'Cooperative',
  'Institute', 'Energy', 'Robotics', 'Learning', 'Media', 'Logistics', 'Design', 'Software', 'Clinic',
  'School', 'Network', 'Press', 'Kitchen', 'Mobility', 'Commons', 'Transit',
];
