/**
 * The story picker's list: the stories opened here before (remembered in
 * storage, the last opened first), the ones the gateway holds state for, and
 * the ones the wire is publishing now. Only well-formed story ids are kept,
 * whatever storage or the wire holds.
 */
import { h, safeStorage, safeStore } from './dom.ts';

const STORY_KEY = 'newswire.story';
const RECENT_KEY = 'newswire.stories';
const REMEMBERED = 50;
// The schema's ID_PATTERN (shared/schema/src/primitives.ts), written out: the page's bundle takes schema v2 only.
const STORY_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function isStoryId(story: string): boolean {
  return STORY_ID.test(story);
}

/** The story opened last in this browser, if storage works and holds a valid one. */
export function lastOpenedStory(): string | null {
  const story = safeStorage(STORY_KEY);
  return story !== null && isStoryId(story) ? story : null;
}

export class StoryPicker {
  private readonly known = new Set<string>();

  constructor(
    private readonly input: HTMLInputElement,
    private readonly list: HTMLDataListElement,
  ) {
    this.add((safeStorage(RECENT_KEY) ?? '').split('\n').slice(0, REMEMBERED));
  }

  has(story: string): boolean {
    return this.known.has(story);
  }

  /** Offers these stories too; true when one of them was new. */
  add(stories: Iterable<string>): boolean {
    const before = this.known.size;
    for (const story of stories) if (isStoryId(story)) this.known.add(story);
    return this.known.size !== before;
  }

  /** `story` was opened: remembered as the last, first among the recent (where storage works). */
  opened(story: string): void {
    this.add([story]);
    safeStore(STORY_KEY, story);
    safeStore(RECENT_KEY, [story, ...[...this.known].filter((s) => s !== story)].slice(0, REMEMBERED).join('\n'));
  }

  /** Shows the list, and `current` in the input unless the reader is typing there. */
  fill(current: string | undefined): void {
    const stories = [...this.known].sort();
    if ([...this.list.options].map((o) => o.value).join('\n') !== stories.join('\n')) {
      this.list.replaceChildren(...stories.map((s) => h('option', { value: s })));
    }
    if (current !== undefined && document.activeElement !== this.input) this.input.value = current;
  }
}
