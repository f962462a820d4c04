/**
 * Every page, loaded on first visit (one chunk each), with who may see it. The entry chunk
 * holds only React, the shell and the router.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { User } from '../api/types.ts';

export type Role = User['role'];

export interface PageDef {
  pattern: string;
  component: LazyExoticComponent<ComponentType<{ params: Record<string, string> }>>;
  /** Who may open it; omitted: anyone, signed in or not. */
  roles?: readonly Role[];
  title: string;
}

const page = (load: () => Promise<{ default: ComponentType<{ params: Record<string, string> }> }>) => lazy(load);

export const PAGES: readonly PageDef[] = [
  { pattern: '/signin', component: page(() => import('../pages/SignIn.tsx')), title: 'Sign in' },
  { pattern: '/signup', component: page(() => import('../pages/SignUp.tsx')), title: 'Create your account' },
  { pattern: '/welcome', component: page(() => import('../pages/Onboarding.tsx')), roles: ['student'], title: 'Welcome' },
  { pattern: '/diagnostic', component: page(() => import('../pages/Diagnostic.tsx')), roles: ['student'], title: 'Diagnostic' },
  { pattern: '/dashboard', component: page(() => import('../pages/Dashboard.tsx')), roles: ['student'], title: 'Dashboard' },
  { pattern: '/practice', component: page(() => import('../pages/PracticeSetup.tsx')), roles: ['student'], title: 'Practice' },
  { pattern: '/practice/:id', component: page(() => import('../pages/Practice.tsx')), roles: ['student'], title: 'Practice' },
  { pattern: '/plan', component: page(() => import('../pages/Plan.tsx')), roles: ['student'], title: 'Study plan' },
  { pattern: '/community', component: page(() => import('../pages/Community.tsx')), roles: ['student', 'tutor', 'parent', 'admin'], title: 'Community' },
  { pattern: '/community/:id', component: page(() => import('../pages/NoteThread.tsx')), roles: ['student', 'tutor', 'parent', 'admin'], title: 'Note' },
  { pattern: '/tutor', component: page(() => import('../pages/Tutor.tsx')), roles: ['student'], title: 'AI tutor' },
  { pattern: '/lessons/:id', component: page(() => import('../pages/Lesson.tsx')), roles: ['student', 'tutor', 'parent', 'admin'], title: 'Lesson' },
  { pattern: '/test', component: page(() => import('../pages/TestStart.tsx')), roles: ['student'], title: 'Full-length test' },
  { pattern: '/test/:id', component: page(() => import('../pages/FullTest.tsx')), roles: ['student', 'tutor', 'parent', 'admin'], title: 'Full-length test' },
  { pattern: '/students', component: page(() => import('../pages/Students.tsx')), roles: ['tutor', 'parent'], title: 'Students' },
  { pattern: '/students/:id', component: page(() => import('../pages/StudentDetail.tsx')), roles: ['tutor', 'parent', 'admin'], title: 'Student' },
  { pattern: '/account', component: page(() => import('../pages/Account.tsx')), roles: ['student', 'tutor', 'parent', 'admin'], title: 'Your account' },
  { pattern: '/admin', component: page(() => import('../pages/Admin.tsx')), roles: ['admin'], title: 'Data console' },
  { pattern: '/moderation', component: page(() => import('../pages/admin/Moderation.tsx')), roles: ['admin'], title: 'Moderation' },
  { pattern: '/safety', component: page(() => import('../pages/admin/Safety.tsx')), roles: ['admin'], title: 'Safety alerts' },
  { pattern: '/review/:id', component: page(() => import('../pages/Review.tsx')), roles: ['student', 'tutor', 'parent', 'admin'], title: 'Review' },
];
