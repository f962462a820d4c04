import { renderPrompt, type AnyAiTask } from '../../src/ai/task.ts';
export { help } from '../../src/ai/tasks/index.ts';
export const renderPromptFor = (task: AnyAiTask, input: unknown) => renderPrompt(task.prompt(input));
