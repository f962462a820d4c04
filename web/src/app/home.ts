import { readGoals } from '../lib/goals.ts';
import type { Role } from './pages.ts';

/** Where a user lands after signing in: students finish onboarding first. */
export function homeFor(role: Role, userId: string): string {
  if (role === 'student') return readGoals(userId)?.diagnosticDone ? '/dashboard' : '/welcome';
  if (role === 'admin') return '/admin';
  return '/students';
}
