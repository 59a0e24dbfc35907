import { describe, it, expect } from 'vitest';
import { interestAliases } from '../../../src/core/interests/aliases.js';
import { interestKey, normalizeInterest } from '../../../src/core/interests/normalize.js';
import { properNames, taxonomy } from '../../../src/core/interests/taxonomy-data.js';
import {
  ambiguousInFreeText,
  areRelated,
  canonicalInterest,
  categoryOf,
  findInterestsInText,
  interestCategories,
  isProperName,
  relatedInterests,
  taxonomyInterestNames,
} from '../../../src/core/interests/taxonomy.js';
import { lifeInterests, personas, subjectsByInterest } from '../../../src/core/synthetic/vocabulary.js';

const interests = taxonomy.flatMap((category) => category.interests);
const names = interests.map((interest) => interest.name);
const nameSet = new Set(names);

/** The canonical names (and their aliases) of the short alias table the taxonomy replaced. */
const previousAliases: Readonly<Record<string, readonly string[]>> = {
  JavaScript: ['js', 'java script', 'ecmascript', 'es6'],
  TypeScript: ['ts', 'type script'],
  Python: ['python3', 'py'],
  'Machine learning': ['ml', 'machine-learning', 'machinelearning'],
  'Artificial intelligence': ['ai', 'a.i.', 'artificial-intelligence'],
  'User experience design': ['ux', 'ux design', 'user experience', 'ux/ui', 'ui/ux'],
  'Product management': ['product manager', 'product managers'],
  '.NET': ['dotnet', 'dot net', 'net'],
  'Rock climbing': ['climbing'],
  Bouldering: ['boulder'],
  Running: ['jogging', 'runner'],
  Cycling: ['biking', 'bike', 'bicycle'],
  Photography: ['photo', 'photos', 'taking photos'],
  'Open source': ['oss', 'open-source', 'foss', 'opensource'],
  PostgreSQL: ['postgres', 'psql'],
  Kubernetes: ['k8s', 'kube'],
  DevOps: ['dev ops', 'devops engineering'],
  'Data science': ['datascience', 'data-science'],
  Entrepreneurship: ['startups', 'start-ups', 'founding'],
  Sustainability: ['green tech', 'sustainable living'],
  'Climate action': ['climate', 'climate tech', 'climate change'],
  Parenting: ['parenthood', 'being a parent'],
  Travel: ['traveling', 'travelling'],
  Cooking: ['cuisine', 'home cooking'],
  Baking: ['bread baking', 'sourdough'],
  Yoga: ['yoga practice'],
  'Board games': ['boardgames', 'tabletop games', 'tabletop'],
  'Video games': ['gaming', 'videogames'],
  Beekeeping: ['bees', 'apiculture'],
  Gardening: ['garden', 'horticulture'],
  Hiking: ['trekking', 'hillwalking'],
  'Public speaking': ['speaking', 'talks'],
  Writing: ['creative writing'],
  Music: ['music making'],
  Jazz: ['jazz music'],
  'Mental health': ['mental wellbeing', 'wellbeing'],
  Rust: ['rustlang', 'rust-lang'],
  Go: ['golang'],
  'C++': ['cpp', 'cplusplus'],
  'C#': ['csharp', 'c sharp'],
  'Node.js': ['nodejs', 'node js'],
  React: ['reactjs', 'react.js'],
  'Large language models': ['llm', 'llms'],
  'Deep learning': ['deep-learning', 'deeplearning'],
  'Computer vision': ['computer-vision'],
  'Site reliability engineering': ['sre'],
  'Frontend development': ['front-end development', 'front end development', 'frontend', 'front-end'],
  'Backend development': ['back-end development', 'back end development', 'backend', 'back-end'],
  'Game development': ['gamedev', 'game dev'],
  Cybersecurity: ['cyber security', 'cyber-security', 'infosec', 'information security'],
  Accessibility: ['a11y', 'digital accessibility'],
  Internationalization: ['i18n', 'internationalisation'],
  'Search engine optimization': ['seo', 'search engine optimisation'],
  'Internet of Things': ['iot'],
  'Virtual reality': ['vr', 'virtual-reality'],
  '3D printing': ['3d-printing', '3dprinting'],
  'User research': ['ux research'],
  'Electric vehicles': ['evs', 'electric cars'],
  'Renewable energy': ['renewables', 'clean energy'],
  Fintech: ['fin tech', 'financial technology'],
  Edtech: ['ed tech', 'education technology'],
  Nonprofits: ['nonprofit', 'non-profit', 'non-profits', 'ngos', 'charities'],
  'Urban planning': ['urbanism', 'city planning'],
  'Community organizing': ['community organising'],
  'Mountain biking': ['mtb', 'mountainbiking'],
  'Trail running': ['trailrunning'],
  'Scuba diving': ['scuba'],
  Weightlifting: ['weight lifting', 'lifting weights'],
  Birdwatching: ['birding', 'bird watching'],
  Astronomy: ['stargazing'],
  Film: ['movies', 'cinema', 'films'],
  'Science fiction': ['sci-fi', 'scifi'],
  'Dungeons & Dragons': ['d&d', 'dnd', 'dungeons and dragons'],
  'Stand-up comedy': ['standup comedy', 'stand up comedy'],
  'Electronic music': ['electronic dance music', 'edm'],
  'Hip-hop': ['hip hop', 'hiphop'],
  Mathematics: ['math', 'maths'],
  'Language learning': ['learning languages'],
  Volunteering: ['volunteer work'],
};

/**
 * Names that keep a capital on a later word, so that normalizeInterest writes them this way only
 * because the taxonomy knows them; and ".NET", whose leading dot is edge punctuation to a key.
 */
const namesWrittenAsProperNouns = new Set(['.NET', 'Ruby on Rails', 'Raspberry Pi', 'Internet of Things', 'Dungeons & Dragons']);

describe('taxonomy data', () => {
  it('has at least 400 interests in 28 to 32 categories of at least 8 each', () => {
    expect(names.length).toBeGreaterThanOrEqual(400);
    expect(taxonomy.length).toBeGreaterThanOrEqual(28);
    expect(taxonomy.length).toBeLessThanOrEqual(32);
    for (const category of taxonomy) expect(category.interests.length, category.id).toBeGreaterThanOrEqual(8);
  });

  it('gives every category a unique kebab-case id and a readable name', () => {
    const ids = taxonomy.map((category) => category.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const category of taxonomy) {
      expect(category.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(category.name).toMatch(/^[A-Z]/);
    }
  });

  it('writes every name the way normalizeInterest writes it', () => {
    for (const name of names) expect(normalizeInterest(name)).toBe(name);
  });

  it('writes names in sentence case, keeping acronyms and inner capitals', () => {
    for (const name of names) {
      if (namesWrittenAsProperNouns.has(name)) continue;
      // An unknown word after it sends the name through the general rules rather than the table.
      expect(normalizeInterest(`${name} zzqx`), name).toBe(`${name} zzqx`);
    }
  });

  it('gives every spelling, name or alias, at most one interest', () => {
    const owner = new Map<string, string>();
    for (const interest of interests) {
      const key = interestKey(interest.name);
      expect(owner.get(key), interest.name).toBeUndefined();
      owner.set(key, interest.name);
    }
    for (const interest of interests) {
      const own = new Set([interestKey(interest.name)]);
      for (const alias of interest.aliases ?? []) {
        const key = interestKey(alias);
        expect(key, alias).not.toBe('');
        const previous = owner.get(key);
        if (previous !== undefined) expect(previous, `${alias} of ${interest.name}`).toBe(interest.name);
        // Within one interest only an alias the old table had may repeat a key (".NET" and "net").
        if (own.has(key)) expect(previousAliases[interest.name] ?? [], alias).toContain(alias);
        own.add(key);
        owner.set(key, interest.name);
      }
    }
  });

  it('normalizes every alias, in any case, to its canonical name', () => {
    for (const interest of interests) {
      for (const alias of interest.aliases ?? []) {
        expect(normalizeInterest(alias), alias).toBe(interest.name);
        expect(normalizeInterest(alias.toUpperCase()), alias).toBe(interest.name);
      }
    }
  });

  it('gives most interests an alias and related interests', () => {
    const withAliases = interests.filter((interest) => (interest.aliases ?? []).length > 0).length;
    const withRelated = interests.filter((interest) => {
      const count = (interest.related ?? []).length;
      return count >= 1 && count <= 5;
    }).length;
    expect(withAliases / interests.length).toBeGreaterThan(0.8);
    expect(withRelated / interests.length).toBeGreaterThan(0.8);
  });

  it('relates interests only to other interests of the taxonomy', () => {
    for (const interest of interests) {
      for (const other of interest.related ?? []) {
        expect(nameSet.has(other), `${interest.name} → ${other}`).toBe(true);
        expect(other).not.toBe(interest.name);
      }
      expect(new Set(interest.related ?? []).size).toBe((interest.related ?? []).length);
    }
  });

  it('keeps every interest and alias of the previous alias table', () => {
    for (const [canonical, aliases] of Object.entries(previousAliases)) {
      const interest = interests.find((entry) => entry.name === canonical);
      expect(interest, canonical).toBeDefined();
      for (const alias of aliases) expect(interest?.aliases ?? [], canonical).toContain(alias);
    }
  });

  it('has every interest of the synthetic attendee vocabulary as a canonical name', () => {
    const vocabulary = [
      ...personas.flatMap((persona) => persona.topics),
      ...lifeInterests,
      ...Object.keys(subjectsByInterest),
    ];
    for (const interest of vocabulary) expect(nameSet.has(interest), interest).toBe(true);
  });

  it('lists only taxonomy interests as proper names', () => {
    for (const name of properNames) expect(nameSet.has(name), name).toBe(true);
    expect(new Set(properNames).size).toBe(properNames.length);
  });
});

describe('interestAliases', () => {
  it('is the taxonomy as canonical name → aliases, for every interest', () => {
    expect(Object.keys(interestAliases)).toEqual(names);
    for (const interest of interests) expect(interestAliases[interest.name]).toEqual(interest.aliases ?? []);
  });
});

describe('taxonomy lookups', () => {
  it('lists every name and category', () => {
    expect(taxonomyInterestNames()).toEqual(names);
    expect(interestCategories.map((category) => category.id)).toEqual(taxonomy.map((category) => category.id));
  });

  it('finds the canonical name of a name or alias, in any case or spacing', () => {
    expect(canonicalInterest('JS')).toBe('JavaScript');
    expect(canonicalInterest('JavaScript')).toBe('JavaScript');
    expect(canonicalInterest('  rock   CLIMBING ')).toBe('Rock climbing');
    expect(canonicalInterest('climbing')).toBe('Rock climbing');
    expect(canonicalInterest('d&d')).toBe('Dungeons & Dragons');
    expect(canonicalInterest('dotnet')).toBe('.NET');
    expect(canonicalInterest('ping-pong')).toBe('Table tennis');
    expect(canonicalInterest('urban beekeeping')).toBe('Beekeeping');
    expect(canonicalInterest('basket weaving for cats')).toBeUndefined();
    expect(canonicalInterest('')).toBeUndefined();
  });

  it('gives each interest its category', () => {
    expect(categoryOf('Rust')).toEqual({ id: 'software', name: 'Software development' });
    expect(categoryOf('bouldering')?.id).toBe('outdoors');
    expect(categoryOf('k8s')?.id).toBe('infrastructure');
    expect(categoryOf('Spanish')?.id).toBe('languages');
    expect(categoryOf('Underwater basket weaving')).toBeUndefined();
    for (const category of taxonomy) {
      for (const interest of category.interests) expect(categoryOf(interest.name)?.id).toBe(category.id);
    }
  });

  it('relates interests both ways, sorted, without the interest itself', () => {
    for (const name of names) {
      const related = relatedInterests(name);
      expect(related).not.toContain(name);
      expect([...related].sort()).toEqual(related);
      for (const other of related) {
        expect(nameSet.has(other)).toBe(true);
        expect(relatedInterests(other), `${other} → ${name}`).toContain(name);
        expect(areRelated(name, other)).toBe(true);
      }
    }
    for (const interest of interests) {
      for (const other of interest.related ?? []) expect(relatedInterests(other)).toContain(interest.name);
    }
  });

  it('answers related questions for any spelling', () => {
    expect(relatedInterests('Bouldering')).toContain('Rock climbing');
    expect(relatedInterests('climbing')).toContain('Bouldering');
    expect(areRelated('Beekeeping', 'Gardening')).toBe(true);
    expect(areRelated('gardening', 'bees')).toBe(true);
    expect(areRelated('Rust', 'Systems programming')).toBe(true);
    expect(areRelated('Rust', 'Rust')).toBe(false);
    expect(areRelated('Rust', 'Knitting')).toBe(false);
    expect(areRelated('Rust', 'Something unknown')).toBe(false);
    expect(relatedInterests('Something unknown')).toEqual([]);
  });

  it('knows which names keep their capitals mid-sentence', () => {
    for (const name of ['Spanish', 'Rust', 'Dungeons & Dragons', 'AI ethics', 'PostgreSQL', 'iOS development', 'C++']) {
      expect(isProperName(name), name).toBe(true);
    }
    expect(isProperName('golang')).toBe(true);
    for (const name of ['Rock climbing', 'Machine learning', 'Board games', 'Beekeeping']) expect(isProperName(name), name).toBe(false);
  });
});

describe('findInterestsInText', () => {
  it('finds interests named in a sentence, by name or alias', () => {
    expect(findInterestsInText('Looking for a rock climbing buddy')).toEqual(['Rock climbing']);
    expect(findInterestsInText('help with JS tooling')).toEqual(['JavaScript']);
    expect(findInterestsInText('anyone doing C++?')).toEqual(['C++']);
    expect(findInterestsInText('Moving a codebase from C# to F#')).toEqual(['C#']);
    expect(findInterestsInText('Our backend is Node.js, our UI is React.')).toEqual(['Backend development', 'Node.js', 'Interaction design', 'React']);
    expect(findInterestsInText('Running a first D&D campaign')).toEqual(['Dungeons & Dragons']);
    expect(findInterestsInText('I maintain a .NET library')).toEqual(['.NET']);
  });

  it('skips words whose everyday meaning is the usual one', () => {
    expect(findInterestsInText('where to go next')).toEqual([]);
    expect(findInterestsInText('Looking for someone to go hiking with')).toEqual(['Hiking']);
    expect(findInterestsInText('Running a close-knit team and writing good docs')).toEqual(['Technical writing']);
    expect(findInterestsInText('Grab a coffee and talk about specialty coffee')).toEqual(['Specialty coffee']);
    expect(findInterestsInText('How do I polish my talk?')).toEqual([]);
    for (const key of ambiguousInFreeText) expect(findInterestsInText(`about ${key} here`), key).toEqual([]);
  });

  it('names only keys of the taxonomy as ambiguous', () => {
    const keys = new Set(interests.flatMap((interest) => [interest.name, ...(interest.aliases ?? [])]).map(interestKey));
    for (const key of ambiguousInFreeText) expect(keys.has(key), key).toBe(true);
  });

  it('prefers the longest match', () => {
    expect(findInterestsInText('Putting machine learning models into production')).toEqual(['Machine learning']);
    expect(findInterestsInText('Advice on machine learning operations')).toEqual(['MLOps']);
    expect(findInterestsInText('I love electronic dance music')).toEqual(['Electronic music']);
    expect(findInterestsInText('trail running and running shoes')).toEqual(['Trail running']);
    expect(findInterestsInText('Tips on science fiction and science communication')).toEqual([
      'Science fiction',
      'Science communication',
    ]);
  });

  it('tolerates a singular where the name is plural', () => {
    expect(findInterestsInText('Hosting a board game night')).toEqual(['Board games']);
    expect(findInterestsInText('Charging an electric vehicle')).toEqual(['Electric vehicles']);
    expect(findInterestsInText('Board games and card games')).toEqual(['Board games', 'Card games']);
  });

  it('splits lists and ignores case and punctuation', () => {
    expect(findInterestsInText('HIKING/climbing, Yoga; (meditation)!')).toEqual(['Hiking', 'Rock climbing', 'Yoga', 'Meditation']);
    expect(findInterestsInText("Python's type hints")).toEqual(['Python']);
    expect(findInterestsInText('Getting into rock-climbing')).toEqual(['Rock climbing']);
    expect(findInterestsInText('Mandarin, Español y Français')).toEqual(['Mandarin', 'Spanish', 'French']);
  });

  it('gives each interest once, in order of first mention', () => {
    expect(findInterestsInText('Jazz, then hiking, then more jazz and JS and JavaScript')).toEqual(['Jazz', 'Hiking', 'JavaScript']);
    expect(findInterestsInText('')).toEqual([]);
    expect(findInterestsInText('Nothing to see here at all')).toEqual([]);
  });

  it('finds every canonical name that is not ambiguous, written in a sentence', () => {
    for (const name of names) {
      if (ambiguousInFreeText.has(interestKey(name))) continue;
      expect(findInterestsInText(`I would love to talk about ${name} with you.`), name).toContain(name);
    }
  });
});
