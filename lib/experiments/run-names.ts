import { randomInt } from 'node:crypto';

// Short, friendly words in the spirit of MLflow's generated run names ("bold-owl-123").
const ADJECTIVES = [
  'able', 'agile', 'amazing', 'ambitious', 'auspicious', 'bedecked', 'bemused', 'bold', 'brawny', 'bright',
  'calm', 'capable', 'carefree', 'casual', 'charming', 'clean', 'clever', 'colorful', 'crawling', 'dapper',
  'delicate', 'dashing', 'efficient', 'enchanting', 'fearless', 'firm', 'funny', 'gentle', 'gifted', 'glamorous',
  'grandiose', 'handsome', 'honorable', 'hilarious', 'intelligent', 'judicious', 'kindly', 'languid', 'likeable', 'loud',
  'luxuriant', 'magnificent', 'merciful', 'nebulous', 'nimble', 'orderly', 'overjoyed', 'painted', 'polite', 'powerful',
  'puzzled', 'redolent', 'respected', 'rogue', 'rumbling', 'salty', 'secretive', 'selective', 'silent', 'skillful',
  'smiling', 'spiffy', 'stately', 'suave', 'sedate', 'thoughtful', 'tasteful', 'trusting', 'unequaled', 'upbeat',
  'useful', 'valuable', 'victorious', 'vaunted', 'welcoming', 'wise', 'youthful', 'zealous',
];
const NOUNS = [
  'ant', 'ape', 'asp', 'auk', 'bass', 'bat', 'bear', 'bee', 'bird', 'boar', 'bug', 'calf', 'carp', 'cat', 'chimp',
  'cod', 'colt', 'conch', 'cow', 'crab', 'crane', 'croc', 'crow', 'cub', 'deer', 'doe', 'dog', 'dolphin', 'donkey',
  'dove', 'duck', 'eel', 'elk', 'fawn', 'finch', 'fish', 'flea', 'fly', 'foal', 'fowl', 'fox', 'frog', 'gnat', 'gnu',
  'goat', 'goose', 'grouse', 'grub', 'gull', 'hare', 'hawk', 'hen', 'hog', 'horse', 'hound', 'jay', 'kit', 'kite',
  'koi', 'lamb', 'lark', 'loon', 'lynx', 'mare', 'midge', 'mink', 'mole', 'moose', 'moth', 'mouse', 'mule', 'newt',
  'owl', 'ox', 'panda', 'penguin', 'perch', 'pig', 'pug', 'quail', 'ram', 'rat', 'ray', 'robin', 'roo', 'rook',
  'seal', 'shad', 'shark', 'sheep', 'shoat', 'shrew', 'shrike', 'shrimp', 'skink', 'skunk', 'sloth', 'slug', 'smelt',
  'snail', 'snake', 'snipe', 'sow', 'sponge', 'squid', 'squirrel', 'stag', 'steed', 'stoat', 'stork', 'swan', 'tern',
  'toad', 'trout', 'turtle', 'vole', 'wasp', 'whale', 'wolf', 'worm', 'wren', 'yak', 'zebra',
];

/** `adjective-noun-number`, like the names MLflow gives runs that were started without one. */
export function generateRunName(random: (n: number) => number = randomInt): string {
  return `${ADJECTIVES[random(ADJECTIVES.length)]}-${NOUNS[random(NOUNS.length)]}-${random(1000)}`;
}
