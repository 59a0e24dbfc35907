/**
 * Question templates for openers: what one attendee could ask the person they are about to
 * meet. Each is curious and open, about the other person, and never a pitch.
 *
 * Placeholders: `{interest}` is one of the other person's interests as written mid-sentence
 * ("rock climbing", "Rust"); `{theirs}` is the other person's interest and `{mine}` a related
 * interest of the one asking; `{topic}` is something one of the two can help with.
 */

/** For every taxonomy category id: questions about an interest of that category. */
export const categoryOpeners: Readonly<Record<string, readonly string[]>> = {
  software: [
    'What first pulled you into {interest}, and what keeps you interested in it now?',
    "What's something about {interest} you changed your mind on after using it for a while?",
    "What's the most surprising thing you've learned from working with {interest}?",
    'If a friend wanted to get into {interest} tomorrow, where would you tell them to start?',
    "What's a part of {interest} that you think most people overlook?",
    "What's the strangest problem {interest} has ever thrown at you?",
  ],
  'data-ai': [
    'What got you curious about {interest} in the first place, and has that changed?',
    "What's a result in {interest} that genuinely surprised you recently?",
    'Which idea in {interest} gets too much hype for you, and which gets too little?',
    "How do you explain {interest} to friends who don't work anywhere near it?",
    "What's a question about {interest} you'd love to have more time to dig into?",
  ],
  infrastructure: [
    "What's the most memorable thing that has gone wrong for you with {interest}?",
    "What's one lesson about {interest} you only learned the hard way?",
    'How did you end up caring about {interest}, and what keeps it interesting for you?',
    "What's something about {interest} you wish more of the people around you understood?",
    'If you could change one thing about how people approach {interest}, what would it be?',
  ],
  security: [
    'What first got you thinking seriously about {interest}, and what made it stick?',
    "What's a misconception about {interest} that you keep running into?",
    "What's the most interesting thing you've seen or learned through {interest}?",
    'How do you talk about {interest} with people who find the whole subject a bit scary?',
    "What's a habit around {interest} you'd recommend to everyone, even beginners?",
  ],
  design: [
    "What's a piece of work in {interest}, yours or anyone's, that you still think about?",
    'How did you find your way into {interest}, and what surprised you once you were in?',
    "What's something about {interest} you think people outside the field tend to miss?",
    'What has {interest} taught you about how people actually behave?',
    'Which part of {interest} do you find the most fun, and which the most frustrating?',
  ],
  product: [
    "What's a lesson about {interest} you learned from something that didn't go to plan?",
    'How did you get interested in {interest}, and how has your view of it changed?',
    "What's one thing about {interest} you'd love to tell your younger self?",
    'Who taught you the most about {interest}, and what did they do differently?',
    'What does {interest} look like on a really good day for you?',
  ],
  entrepreneurship: [
    'What drew you to {interest}, and what has surprised you most since?',
    "What's the best piece of advice about {interest} you've ever been given?",
    "What's something about {interest} that looked very different to you from the inside?",
    'If you were starting out in {interest} again, what would you do differently?',
    'Who do you look up to in {interest}, and what do you admire about them?',
  ],
  hardware: [
    "What's the most satisfying thing you've built or fixed through {interest}?",
    'How did you get hooked on {interest}, and what was the first thing you made?',
    "What's a mistake with {interest} that ended up teaching you something useful?",
    'What does your setup for {interest} look like at the moment, and what would you add?',
    "What's something in {interest} you haven't tried yet but really want to?",
  ],
  science: [
    'What question in {interest} keeps you up at night, in a good way?',
    'How did you first fall for {interest}, and what keeps you coming back to it?',
    "What's a finding in {interest} that changed how you see the world?",
    "How would you explain what's exciting about {interest} to a curious ten-year-old?",
    "What's something about {interest} that you think most people get a little bit wrong?",
  ],
  health: [
    'What drew you to {interest}, and what keeps you going on the hard days?',
    "What's something about {interest} that you wish more people understood?",
    "What's changed most in {interest} since you first got involved?",
    "What's a moment from your time around {interest} that has stayed with you?",
    'If you could fix one thing about {interest} tomorrow, what would you pick?',
  ],
  education: [
    "What's the best moment you've had through {interest} so far?",
    'How did you come to care about {interest}, and what keeps you at it?',
    "What's an idea about {interest} that you'd love more people to try?",
    'What has {interest} taught you about how people really learn?',
    'Who made the biggest difference to you in {interest}, and how did they do it?',
  ],
  'climate-energy': [
    'What got you into {interest}, and what gives you hope about it right now?',
    "What's something about {interest} that surprised you once you looked closer?",
    "What's a small, practical step in {interest} you think more people should know about?",
    'Where do you see {interest} heading in the next few years, and why?',
    "What's the most common misunderstanding about {interest} that you run into?",
  ],
  economics: [
    'What got you interested in {interest}, and what still fascinates you about it?',
    "What's an idea from {interest} that changed how you see everyday life?",
    "What's a myth about {interest} that you'd love to clear up once and for all?",
    'How do you explain {interest} to friends who expect it to be dry?',
    'Which book or person shaped the way you think about {interest}?',
  ],
  'law-policy': [
    'What made you care about {interest} enough to spend your time on it?',
    "What's a change in {interest} that you're hopeful about at the moment?",
    "What's something in {interest} that looks simple from outside but you know isn't?",
    "How do you explain {interest} to people who think it doesn't affect them?",
    "What's the most interesting debate in {interest} right now, from where you sit?",
  ],
  media: [
    'How did you get into {interest}, and what keeps it interesting for you?',
    "What's the best advice about {interest} that you've picked up along the way?",
    'What has changed about {interest} since you first started, for better or worse?',
    'What does a really good day of {interest} look like for you?',
    "What's a piece of your own work in {interest} that you're especially glad exists?",
  ],
  civic: [
    'What drew you to {interest}, and what keeps you involved when it gets tough?',
    "What's a small win in {interest} that meant a lot to you personally?",
    "What's something about {interest} that you find people often misunderstand?",
    'How did your view of {interest} change once you got involved yourself?',
    "What would you tell someone who cares about {interest} but doesn't know where to begin?",
  ],
  sports: [
    'How did you get into {interest}, and who got you started on it?',
    "What's your most memorable moment in {interest}, taking part or watching?",
    "What do you love about {interest} that people who don't follow it might miss?",
    "What has {interest} taught you that's turned out useful elsewhere in life?",
  ],
  outdoors: [
    "What's the best {interest} trip you've done so far, and where was it?",
    'How did you first get into {interest}, and who showed you the ropes?',
    "Where's your favourite place for {interest}, near here or further away?",
    "What's something you've learned from {interest} the hard way?",
    'What would you tell someone trying {interest} for the very first time?',
  ],
  fitness: [
    'How did you get started with {interest}, and what keeps you going?',
    "What's a goal in {interest} that you're working towards at the moment?",
    "What's changed for you, in body or mind, since you started with {interest}?",
    "What's a mistake beginners make with {interest} that you made too?",
  ],
  music: [
    'How did {interest} find its way into your life, and how has it stayed there?',
    "What's the best live moment you've had with {interest}, playing or listening?",
    'Who should I listen to if I want to understand why you love {interest}?',
    "What's something about {interest} that only clicked for you after years?",
  ],
  'arts-crafts': [
    'What first drew you to {interest}, and what still surprises you about it?',
    "What's a piece of work in {interest}, yours or anyone's, that really stuck with you?",
    'How do you make time for {interest}, and what does a good session look like?',
    "What's a technique in {interest} that took you ages to get right?",
    'Who or what is inspiring your {interest} at the moment, and why?',
  ],
  'stage-screen': [
    'What first got you into {interest}, and what do you love about it now?',
    "What's something you've seen in {interest} lately that you can't stop thinking about?",
    'Are you more on the watching side of {interest} or the doing side, and why?',
    'What would you recommend to someone who wants to understand your love of {interest}?',
    "What's a favourite memory of yours from {interest}, on stage, on screen or in the audience?",
  ],
  books: [
    "What's the book that got you into {interest} in the first place?",
    'What are you reading in {interest} at the moment, and would you recommend it?',
    'If I wanted to try {interest}, which one book would you hand me first?',
    "What do you look for in {interest} that you don't find anywhere else?",
  ],
  games: [
    'How did you get into {interest}, and who do you usually share it with?',
    "What's the most memorable moment you've had with {interest} so far?",
    'What would you recommend to someone who wants to try {interest} for the first time?',
    'What keeps {interest} fresh and fun for you after all this time?',
    "What do you think people who've never tried {interest} most often misunderstand?",
  ],
  'food-drink': [
    "What's the best thing you've tasted or made thanks to {interest} lately?",
    'How did you get into {interest}, and who taught you the basics?',
    "What's a mistake you made early on with {interest} that you still laugh about?",
    "What's one thing about {interest} you think everyone should try at least once?",
  ],
  travel: [
    'What got you into {interest}, and where has it taken you so far?',
    "What's the most unexpected thing that happened to you through {interest}?",
    "What do you wish you'd known before you got into {interest}?",
    'How has {interest} changed the way you see the place where you live?',
  ],
  languages: [
    'What got you into {interest}, and how far along would you say you are now?',
    "What's a word or phrase you love from your time with {interest}?",
    "What's been the hardest part of {interest} for you, and what helped?",
    'How do you keep {interest} part of your week when life gets busy?',
    "What's a moment when {interest} opened a door for you that you didn't expect?",
  ],
  family: [
    "What's something about {interest} that nobody really warned you about?",
    "What's brought you the most joy in {interest} lately, big or small?",
    'Who do you turn to when you need good advice about {interest}?',
    "What's one thing about {interest} you'd tell a friend who's just starting out?",
    'How has {interest} changed what you care about from day to day?',
  ],
  animals: [
    'How did {interest} come into your life, and what has surprised you since?',
    "What's the funniest thing that has happened to you through {interest}?",
    "What's something about {interest} that you wish more people understood?",
    'What does a really good day with {interest} look like for you?',
  ],
  'home-garden': [
    "What's growing, changing or taking shape for you in {interest} right now?",
    'How did you get into {interest}, and what was your very first project?',
    "What's a lesson from {interest} that you learned by getting it wrong first?",
    "What's the most satisfying moment {interest} has given you so far?",
    'What would you try first if you had a whole free weekend for {interest}?',
  ],
  wellbeing: [
    'What brought you to {interest}, and what difference has it made for you?',
    'What does {interest} look like in a normal week for you at the moment?',
    "What's something about {interest} that surprised you once you started?",
    "What would you say to someone who's curious about {interest} but a bit sceptical?",
  ],
  'history-philosophy': [
    'What first sparked your interest in {interest}, and what still pulls you in?',
    "What's a story from {interest} that you love telling people about?",
    "What's a book, place or person that changed how you see {interest}?",
    'What question from {interest} do you find yourself coming back to?',
    'How does {interest} show up in your everyday life, if it does at all?',
  ],
};

/** `{theirs}`: the other person's interest; `{mine}`: a related interest of the one asking. */
export const relatedOpeners: readonly string[] = [
  "I'm into {mine}, which feels close to {theirs}: what drew you to {theirs}?",
  'Do you see much overlap between {theirs} and {mine}, or are they worlds apart for you?',
  "I've been spending time on {mine} lately; what got you into {theirs}?",
  'If someone who loves {mine} wanted to try {theirs}, where would you tell them to start?',
  'How did you first come across {theirs}, and has it led you anywhere near {mine}?',
];

/** `{topic}`: something the other person knows and the one asking is looking for. */
export const theyOfferOpeners: readonly string[] = [
  "What do you wish you'd known back when you started with {topic}?",
  'How did you build up your experience with {topic}, and what helped most?',
  "What's the most common mistake you see people make with {topic}?",
  "What's a lesson about {topic} that took you a while to learn?",
  'Which part of {topic} do you enjoy talking about the most, and why?',
];

/** `{topic}`: something the other person is looking for and the one asking knows about. */
export const theySeekOpeners: readonly string[] = [
  'What are you hoping to figure out about {topic} at the moment?',
  'What got you interested in {topic} at this point in your life?',
  'Where have you got to with {topic} so far, and where are you stuck?',
  'What would make a real difference for you with {topic} in the next few months?',
  'What have you already tried with {topic}, and how did it go for you?',
];

/** For when two people have little in common yet. */
export const generalOpeners: readonly string[] = [
  "What's something you've been curious about lately that has nothing to do with work?",
  'What brought you to this event, and what are you hoping to find here?',
  "What's a small thing that made your week better than you expected?",
  "What's something you've changed your mind about in the last year or so?",
  "What's a skill you picked up recently, and how did you go about learning it?",
  "What's the most interesting conversation you've had at an event like this?",
  "What are you working on at the moment that you're genuinely excited about?",
  'If you had a free month with no obligations at all, how would you spend it?',
  "What's a place that feels like home to you, apart from where you live now?",
  "Who's someone that shaped the way you approach your work or your life?",
];
