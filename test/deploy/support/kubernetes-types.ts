import { dirname, join } from 'node:path';
import ts from 'typescript';

/** A built-in kind as kubernetes-models names it: its module under the package, and its interface. */
export interface KindRef {
  apiVersion: string;
  kind: string;
}

const ENTRY = join(__dirname, '__kubernetes-types.ts');
const PACKAGE = dirname(require.resolve('kubernetes-models/package.json'));

/**
 * A strict check that kubernetes-models' JSON-schema validation leaves out: every key of an object must be
 * a field of its Kubernetes type (its TypeScript interface in kubernetes-models, read with the compiler's
 * type checker), at every depth; maps (labels, annotations, data) take any key.
 */
export class KubernetesTypes {
  private readonly checker: ts.TypeChecker;
  private readonly types = new Map<string, ts.Type>();

  constructor(kinds: readonly KindRef[]) {
    const refs = [...kinds, { apiVersion: 'meta/v1', kind: 'ObjectMeta' }];
    const source = refs
      .map((k, i) => `import type { I${modelName(k)} as T${i} } from ${JSON.stringify(modulePath(k))};\nexport declare const v${i}: T${i};`)
      .join('\n');
    const options: ts.CompilerOptions = {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
    };
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile.bind(host);
    const getSourceFile = host.getSourceFile.bind(host);
    host.readFile = (file) => (file === ENTRY ? source : readFile(file));
    host.fileExists = (
      (exists) => (file: string) =>
        file === ENTRY || exists(file)
    )(host.fileExists.bind(host));
    host.getSourceFile = (file, language, ...rest) =>
      file === ENTRY ? ts.createSourceFile(file, source, language) : getSourceFile(file, language, ...rest);
    const program = ts.createProgram([ENTRY], options, host);
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    if (problems.length) throw new Error(`kubernetes-models types did not load: ${problems.join('; ')}`);
    this.checker = program.getTypeChecker();
    const file = program.getSourceFile(ENTRY)!;
    refs.forEach((k, i) => {
      const statement = file.statements.find(
        (s): s is ts.VariableStatement => ts.isVariableStatement(s) && s.declarationList.declarations[0].name.getText(file) === `v${i}`,
      )!;
      this.types.set(key(k), this.checker.getTypeAtLocation(statement.declarationList.declarations[0]));
    });
  }

  /** The paths of `object`'s keys its type does not have (`spec.template.spec.containers[0].securityContxt`). */
  unknownKeys(object: object, as: KindRef = object as KindRef): string[] {
    const type = this.types.get(key(as));
    if (!type) throw new Error(`no type loaded for ${key(as)}`);
    const found: string[] = [];
    this.walk(object, type, '', found);
    return found;
  }

  /** The keys of an object's metadata its type (ObjectMeta) does not have: for custom resources, whose spec has no type here. */
  unknownMetadataKeys(object: { metadata?: object }): string[] {
    return this.unknownKeys(object.metadata ?? {}, { apiVersion: 'meta/v1', kind: 'ObjectMeta' }).map((path) => `metadata${path}`);
  }

  private walk(value: unknown, declared: ts.Type, path: string, found: string[]): void {
    if (value === null || typeof value !== 'object') return;
    const type = this.objectPart(this.checker.getNonNullableType(declared));
    if (!type) return void found.push(`${path || '.'}: a ${Array.isArray(value) ? 'list' : 'map'} where the type has a scalar`);
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return;
    if (Array.isArray(value)) {
      const element = this.checker.isArrayType(type) ? this.checker.getTypeArguments(type as ts.TypeReference)[0] : undefined;
      if (!element) return void found.push(`${path}: a list where the type has a map`);
      value.forEach((item, i) => this.walk(item, element, `${path}[${i}]`, found));
      return;
    }
    const anyKey = this.checker.getIndexTypeOfType(type, ts.IndexKind.String);
    for (const [name, child] of Object.entries(value)) {
      const property = type.getProperty(name);
      const childPath = `${path}.${name}`;
      if (property) this.walk(child, this.checker.getTypeOfSymbol(property), childPath, found);
      else if (anyKey) this.walk(child, anyKey, childPath, found);
      else found.push(childPath);
    }
  }

  /** The object (or array) member of a type like `string | number | IObject`; undefined when it has none. */
  private objectPart(type: ts.Type): ts.Type | undefined {
    if (!type.isUnion())
      return type.flags & ts.TypeFlags.Object || type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown) ? type : undefined;
    return type.types.find((member) => member.flags & ts.TypeFlags.Object);
  }
}

function key({ apiVersion, kind }: KindRef): string {
  return `${apiVersion}/${kind}`;
}

/** `apps/v1` Deployment → kubernetes-models/apps/v1/Deployment; ObjectMeta lives in @kubernetes-models/apimachinery. */
function modulePath(k: KindRef): string {
  if (k.apiVersion === 'meta/v1') return '@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta';
  return join(PACKAGE, k.apiVersion, k.kind);
}

function modelName(k: KindRef): string {
  return k.apiVersion === 'meta/v1' ? 'IoK8sApimachineryPkgApisMetaV1ObjectMeta' : k.kind;
}
