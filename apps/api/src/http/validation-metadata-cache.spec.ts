import 'reflect-metadata';
import { IsInt, IsString, Length, MetadataStorage, validate } from 'class-validator';
import { memoizeValidationMetadata } from './validation-metadata-cache';

class Base {
  @IsString()
  name!: string;
}

class Child extends Base {
  @IsInt()
  age!: number;

  @Length(2, 5, { groups: ['strict'] })
  code!: string;
}

class Unrelated {
  @IsInt()
  count!: number;
}

/** The lookup's answer in a comparable form: rule type and property, in order. */
const shape = (metadatas: ReadonlyArray<{ propertyName: string; name?: string; type: string }>) =>
  metadatas.map((m) => `${m.propertyName}:${m.name ?? m.type}`);

describe('memoizeValidationMetadata', () => {
  // A storage of this test's own, filled with the global one's rules for these classes.
  const fresh = (): MetadataStorage => {
    const storage = new MetadataStorage();
    const global = (globalThis as { classValidatorMetadataStorage?: MetadataStorage })
      .classValidatorMetadataStorage!;
    for (const target of [Base, Child, Unrelated]) {
      for (const m of global.getTargetValidationMetadatas(target, '', true, false)) {
        if (m.target === target) {
          storage.addValidationMetadata(m);
        }
      }
    }
    return storage;
  };
  const variants: Array<[boolean, boolean, string[] | undefined]> = [
    [false, false, undefined],
    [true, false, undefined],
    [false, true, undefined],
    [false, false, ['strict']],
    [false, true, ['other']],
  ];

  it('answers as class-validator does, inherited rules and groups included', () => {
    const plain = fresh();
    const memoized = fresh();
    memoizeValidationMetadata(memoized);
    for (const target of [Base, Child, Unrelated]) {
      for (const [always, strict, groups] of variants) {
        const expected = shape(
          plain.getTargetValidationMetadatas(target, '', always, strict, groups),
        );
        expect(
          shape(memoized.getTargetValidationMetadatas(target, '', always, strict, groups)),
        ).toEqual(expected);
        // Asked again, from the memo: the same answer.
        expect(
          shape(memoized.getTargetValidationMetadatas(target, '', always, strict, groups)),
        ).toEqual(expected);
      }
    }
    // class-validator's own rule: without groups asked, a rule with groups applies too.
    expect(shape(memoized.getTargetValidationMetadatas(Child, '', false, false))).toEqual([
      'age:isInt',
      'code:isLength',
      'name:isString',
    ]);
    expect(shape(memoized.getTargetValidationMetadatas(Child, '', false, true))).toEqual([
      'age:isInt',
      'name:isString',
    ]);
  });

  it('resolves each class and options once, and a caller cannot change the memo', () => {
    const storage = fresh();
    const scans = jest.spyOn(
      (storage as unknown as { validationMetadatas: Map<unknown, unknown> }).validationMetadatas,
      'entries',
    );
    memoizeValidationMetadata(storage);
    for (let i = 0; i < 5; i++) {
      storage.getTargetValidationMetadatas(Child, '', false, false);
    }
    expect(scans).toHaveBeenCalledTimes(1);
    storage.getTargetValidationMetadatas(Child, '', false, false, ['strict']);
    expect(scans).toHaveBeenCalledTimes(2);

    storage.getTargetValidationMetadatas(Child, '', false, false).splice(0);
    expect(storage.getTargetValidationMetadatas(Child, '', false, false)).toHaveLength(3);
  });

  it('a rule registered later is seen at once (the memo is emptied)', () => {
    const storage = fresh();
    memoizeValidationMetadata(storage);
    expect(storage.getTargetValidationMetadatas(Child, '', false, false)).toHaveLength(3);
    // Unrelated's rule, copied onto Base: an ancestor's rule that arrives after the lookup.
    const [rule] = storage.getTargetValidationMetadatas(Unrelated, '', false, false);
    storage.addValidationMetadata(
      Object.assign(Object.create(Object.getPrototypeOf(rule) as object) as typeof rule, rule, {
        target: Base,
        propertyName: 'nickname',
      }),
    );
    expect(shape(storage.getTargetValidationMetadatas(Child, '', false, false))).toContain(
      'nickname:isInt',
    );
  });

  it('installed twice, it still calls class-validator once per lookup', () => {
    const storage = fresh();
    const resolve = jest.spyOn(storage, 'getTargetValidationMetadatas');
    memoizeValidationMetadata(storage);
    memoizeValidationMetadata(storage);
    storage.getTargetValidationMetadatas(Unrelated, '', false, false);
    storage.getTargetValidationMetadatas(Unrelated, '', false, false);
    expect(resolve).toHaveBeenCalledTimes(1);
  });

  it('validation through the global storage still names every bad field', async () => {
    memoizeValidationMetadata();
    const child = Object.assign(new Child(), { name: 3, age: 'x', code: 'toolong' });
    const errors = await validate(child, { strictGroups: true });
    expect(errors.map((e) => e.property).sort()).toEqual(['age', 'name']);
    const strict = await validate(child, { groups: ['strict'] });
    expect(strict.map((e) => e.property)).toEqual(['code']);
  });
});
