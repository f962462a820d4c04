import { enc, huge, req, text, uuid, type BadInputPart } from './kit.ts';

/**
 * The web app's routes are public and read-only: the page routes answer the app for any
 * page name (the client routes), so they may answer 200; a file that is not in the build,
 * or a path that tries to leave it, is refused.
 */
export const part: BadInputPart = {
  async setup() {
    return {
      'GET /': { auth: false, makers: [(rng) => req('GET', `/?${enc(text(rng))}=${enc(text(rng))}`, { expect: 'any', who: rng.chance(0.5) ? 'anon' : 'forged' })] },
      'GET /app': { auth: false, makers: [(rng) => req('GET', `/app?${enc(text(rng))}=${enc(text(rng))}`, { expect: 'any', who: 'anon' })] },
      'GET /app/': { auth: false, makers: [(rng) => req('GET', `/app/?${enc(text(rng))}=${enc(huge(rng).slice(0, 200))}`, { expect: 'any', who: 'forged' })] },
      'GET /app/:page': {
        auth: false,
        makers: [
          (rng) => req('GET', `/app/${enc(`${text(rng)}x`)}`, { expect: 'any' }),
          (rng) => req('GET', `/app/${'p'.repeat(rng.int(101, 3000))}`), // over the length limit: 400
        ],
      },
      'GET /app/:page/:id': {
        auth: false,
        makers: [
          (rng) => req('GET', `/app/review/${enc(`${text(rng)}${uuid(rng)}`)}`, { expect: 'any', who: 'anon' }),
          (rng) => req('GET', `/app/review/${'i'.repeat(rng.int(301, 5000))}`), // 400
        ],
      },
      'GET /assets/:file': {
        auth: false,
        makers: [
          (rng) => req('GET', `/assets/${rng.pick(['..%2f..%2fpackage.json', '%2e%2e%2f.env', '..%5c..%5csrc%5cconfig.ts', `${uuid(rng)}.js`, enc(text(rng))])}`, { who: 'anon' }),
          (rng) => req('GET', `/assets/${enc(huge(rng).slice(0, 250))}`),
        ],
      },
    };
  },
};
