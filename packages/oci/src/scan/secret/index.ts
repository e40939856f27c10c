export { detectSecrets, looksLikeText } from './detect';
export { SECRET_RULES, type SecretRule } from './rules';
