import type { SkillGenerator } from '../../item.ts';
import { areaVolume } from './area-volume.ts';
import { circles } from './circles.ts';
import { linesAnglesTriangles } from './lines-angles-triangles.ts';
import { rightTrianglesTrig } from './right-triangles-trig.ts';

/** Generators of the Geometry and Trigonometry skills, in taxonomy order. */
export const GENERATORS: readonly SkillGenerator[] = [areaVolume, linesAnglesTriangles, rightTrianglesTrig, circles];
