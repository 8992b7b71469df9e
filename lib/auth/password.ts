import bcrypt from 'bcryptjs';

const COST = Number(process.env.BCRYPT_COST ?? 11);
// A hash of a random password, compared against when the email is unknown, so that the response
// time does not tell whether an account exists.
const DUMMY_HASH = bcrypt.hashSync('modelkeep-timing-equaliser', COST);

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string | null): Promise<boolean> {
  return bcrypt.compare(password, hash ?? DUMMY_HASH).then((ok) => ok && hash !== null);
}
