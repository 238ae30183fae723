// Edit distance and the "did you mean" it drives.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { measureEditDistance, suggest } from '../../src/manifest/suggestion.js';

const distance = suite('measureEditDistance');

distance('counts insertions, deletions, substitutions and adjacent swaps as one edit each', () => {
  assert.is(measureEditDistance('trunk_direction', 'trunk_direction'), 0);
  assert.is(measureEditDistance('trunk_directon', 'trunk_direction'), 1);
  assert.is(measureEditDistance('trunk_directionn', 'trunk_direction'), 1);
  assert.is(measureEditDistance('nmae', 'name'), 1);
  assert.is(measureEditDistance('kitten', 'sitting'), 3);
  assert.is(measureEditDistance('', 'abc'), 3);
  assert.is(measureEditDistance('abc', ''), 3);
});

const suggestSuite = suite('suggest');

suggestSuite('offers the closest candidate when it is a plausible typo', () => {
  assert.is(suggest('trunk_directon', ['name', 'trunk_direction', 'trunk_status']), 'trunk_direction');
  assert.is(suggest('Name', ['name', 'uri']), 'name');
  assert.is(suggest('primary_uri_uuid', ['primary_uri', 'fallback_uri']), 'primary_uri');
});

suggestSuite('offers nothing for unrelated words or no candidates', () => {
  assert.is(suggest('colour', ['name', 'uri']), undefined);
  assert.is(suggest('x', []), undefined);
});

distance.run();
suggestSuite.run();
