import { getMetadataStorage } from 'class-validator';

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type Lookup = MetadataStorage['getTargetValidationMetadatas'];
type ValidationMetadata = ReturnType<Lookup>[number];

const installed = new WeakSet<MetadataStorage>();

/**
 * class-validator 0.15 resolves a class's rules on every validate() by testing every registered
 * class for inheritance (typestack/class-validator#2686, open): 11 % of the API's CPU per intake
 * under load. A class's rules, its ancestors' included, are all registered when its module
 * loads, before anything validates it, so the answer is memoised per class and options; any
 * rule registered later (a class loaded late, a schema) empties the memo, so nothing can go
 * stale. Installed once per storage; a second call does nothing.
 */
export function memoizeValidationMetadata(storage: MetadataStorage = getMetadataStorage()): void {
  if (installed.has(storage)) {
    return;
  }
  installed.add(storage);
  const resolve: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  let memo = new WeakMap<object, Map<string, ValidationMetadata[]>>();

  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${(groups ?? []).join('\u0001')}`;
    let perTarget = memo.get(target);
    if (!perTarget) {
      perTarget = new Map();
      memo.set(target, perTarget);
    }
    let found = perTarget.get(key);
    if (!found) {
      found = resolve(target, schema, always, strictGroups, groups);
      perTarget.set(key, found);
    }
    // A copy: the memo must not change if a caller sorts or splices what it gets.
    return found.slice();
  };

  const addMetadata = storage.addValidationMetadata.bind(storage);
  storage.addValidationMetadata = (metadata) => {
    memo = new WeakMap();
    addMetadata(metadata);
  };
}
