// Checks responses against docs/api/openapi.yaml. The YAML reader handles the subset that file uses (block
// mappings and sequences, plain, quoted and flow-sequence scalars, comments); the schema checker handles
// type, nullable, required, properties, additionalProperties (a schema), items, enum and $ref, and treats every
// object without additionalProperties as closed, so that a key
// the server sends but the document does not describe fails the test.
import { readFileSync } from 'node:fs';

function stripComment(line) {
  let quote = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '#' && (i === 0 || line[i - 1] === ' ')) {
      return line.slice(0, i);
    }
  }
  return line;
}

const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s"'#\-[{][^:]*?|-[^\s:][^:]*?):(?:\s+|$)(.*)$/;

function scalar(text) {
  const t = text.trim();
  if (t.startsWith('"')) return JSON.parse(t);
  if (t.startsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
  if (t.startsWith('[')) {
    const inner = t.slice(1, -1).trim();
    return inner === '' ? [] : inner.split(',').map((item) => scalar(item));
  }
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (t === 'null' || t === '~') return null;
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  return t;
}

function keyOf(raw) {
  return raw.startsWith('"') || raw.startsWith("'") ? scalar(raw) : raw;
}

/** Parses the YAML subset of openapi.yaml into plain objects. */
export function parseYaml(text) {
  const lines = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = stripComment(raw).replace(/\s+$/, '');
    if (line.trim() === '') continue;
    lines.push({ indent: line.length - line.trimStart().length, text: line.trim() });
  }
  let i = 0;
  const isItem = (text) => text === '-' || text.startsWith('- ');

  function block(indent) {
    return isItem(lines[i].text) ? sequence(indent) : mapping(indent);
  }
  function value(rest, indent) {
    if (rest !== '') return scalar(rest);
    if (i < lines.length && (lines[i].indent > indent || (lines[i].indent === indent && isItem(lines[i].text)))) {
      return block(lines[i].indent);
    }
    return null;
  }
  function mapping(indent) {
    const object = {};
    while (i < lines.length && lines[i].indent === indent && !isItem(lines[i].text)) {
      const match = KEY.exec(lines[i].text);
      if (!match) throw new Error(`openapi.yaml: cannot read line "${lines[i].text}"`);
      i++;
      object[keyOf(match[1])] = value(match[2], indent);
    }
    if (i < lines.length && lines[i].indent > indent) {
      throw new Error(`openapi.yaml: unexpected indentation at "${lines[i].text}"`);
    }
    return object;
  }
  function sequence(indent) {
    const array = [];
    while (i < lines.length && lines[i].indent === indent && isItem(lines[i].text)) {
      const rest = lines[i].text.slice(1).trim();
      if (rest === '') {
        i++;
        array.push(block(lines[i].indent));
      } else if (KEY.test(rest)) {
        // "- key: value" opens a mapping whose keys sit two columns further in.
        lines[i] = { indent: indent + 2, text: rest };
        array.push(mapping(indent + 2));
      } else {
        i++;
        array.push(scalar(rest));
      }
    }
    return array;
  }
  const document = block(lines[0].indent);
  if (i !== lines.length) throw new Error(`openapi.yaml: stopped at "${lines[i].text}"`);
  return document;
}

export class OpenApi {
  constructor(file) {
    this.doc = parseYaml(readFileSync(file, 'utf8'));
  }

  resolve(ref) {
    if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`);
    let node = this.doc;
    for (const part of ref.slice(2).split('/')) {
      node = node?.[part];
      if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
    }
    return node;
  }

  /** Every $ref in the document, so that a test can check that they all resolve. */
  refs(node = this.doc, found = []) {
    if (Array.isArray(node)) node.forEach((item) => this.refs(item, found));
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref') found.push(value);
        else this.refs(value, found);
      }
    }
    return found;
  }

  /** The documented operation for a method and a concrete path, or null. */
  operation(method, path) {
    for (const [template, item] of Object.entries(this.doc.paths)) {
      const pattern = new RegExp('^' + template.replace(/\{[^}]+\}/g, '[^/]+') + '$');
      if (pattern.test(path) && item[method.toLowerCase()]) return item[method.toLowerCase()];
    }
    return null;
  }

  /** The schema of a response, or null when the operation documents no JSON body for that status. */
  responseSchema(method, path, status) {
    const operation = this.operation(method, path);
    if (!operation) return null;
    let response = operation.responses?.[String(status)];
    if (!response) return null;
    if (response.$ref) response = this.resolve(response.$ref);
    return response.content?.['application/json']?.schema ?? null;
  }

  /** Problems of `value` against `schema`, as "path: what" strings. */
  validate(schema, value, where = '$', problems = []) {
    if (schema.$ref) return this.validate(this.resolve(schema.$ref), value, where, problems);
    if (value === null) {
      if (!schema.nullable) problems.push(`${where}: null is not allowed`);
      return problems;
    }
    const type = schema.type;
    if (type === 'object') {
      if (typeof value !== 'object' || Array.isArray(value)) {
        problems.push(`${where}: expected an object`);
        return problems;
      }
      for (const key of schema.required ?? []) {
        if (!(key in value)) problems.push(`${where}: missing ${key}`);
      }
      const properties = schema.properties ?? {};
      for (const [key, item] of Object.entries(value)) {
        if (key in properties) this.validate(properties[key], item, `${where}.${key}`, problems);
        else if (typeof schema.additionalProperties === 'object') {
          this.validate(schema.additionalProperties, item, `${where}.${key}`, problems);
        } else problems.push(`${where}.${key}: not described in openapi.yaml`);
      }
    } else if (type === 'array') {
      if (!Array.isArray(value)) problems.push(`${where}: expected an array`);
      else value.forEach((item, index) => this.validate(schema.items, item, `${where}[${index}]`, problems));
    } else if (type === 'string') {
      if (typeof value !== 'string') problems.push(`${where}: expected a string`);
    } else if (type === 'integer') {
      if (!Number.isInteger(value)) problems.push(`${where}: expected an integer`);
    } else if (type === 'number') {
      if (typeof value !== 'number') problems.push(`${where}: expected a number`);
    } else if (type === 'boolean') {
      if (typeof value !== 'boolean') problems.push(`${where}: expected a boolean`);
    } else if (type !== undefined) {
      problems.push(`${where}: unsupported schema type ${type}`);
    }
    if (schema.enum && !schema.enum.includes(value)) problems.push(`${where}: ${JSON.stringify(value)} not in enum`);
    return problems;
  }
}
