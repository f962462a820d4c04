/**
 * What a module's part of the authorization matrix (test/api/authz-matrix.test.ts) is
 * given and returns. Every `*.ts` file in this folder other than this one is a part: the
 * matrix test imports them all, so a module adds its routes' rows without touching the
 * shared test. See README.md here.
 */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { TestApp, TestUser } from '../../helpers/app.ts';

/**
 * anon: no token · own: the victim · student: another student · tutor+/parent+: linked to
 * the victim by an accepted link · tutor-/parent-: not linked · admin: created in the DB.
 */
export const COLUMNS = ['anon', 'own', 'student', 'tutor+', 'tutor-', 'parent+', 'parent-', 'admin'] as const;
export type Column = (typeof COLUMNS)[number];
export type Actor = Exclude<Column, 'anon'>;

/** A request, who sends it (default: the column's user), and any non-2xx status that still means "let in". */
export type Req = InjectOptions & { actor?: TestUser | null; alsoAllowed?: number[] };
/** Builds the request for one cell; called once per column, so a cell may create what it consumes. */
export type Build = (col: Column) => Promise<Req>;
/** `'A   D   …'`: one A (allow) or D (deny) per column, in COLUMNS order. */
export type Row = readonly [route: string, expect: string];

export interface MatrixEnv {
  t: TestApp;
  users: Record<Actor, TestUser>;
  /** Inject as `actor` (null: anonymous). */
  call(actor: TestUser | null, opts: InjectOptions): Promise<LightMyRequestResponse>;
  adminUser(): Promise<TestUser>;
  /** A tutor or parent asks for a link to `student`; accepted when `accept`. Returns the link id. */
  linkTo(requester: TestUser, student: TestUser, accept: boolean): Promise<string>;
  /** Ids or texts of the victim's rows this part made: no caller who may not read the victim may ever see them. */
  addMarkers(...markers: string[]): void;
  roleOf(col: Column): 'student' | 'tutor' | 'parent' | 'admin';
}

export interface MatrixPart {
  rows: readonly Row[];
  /** Runs once after the shared users and links exist; returns a builder per row. */
  setup(env: MatrixEnv): Promise<Record<string, Build>>;
}
