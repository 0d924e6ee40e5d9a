/**
 * cdktf's `StackSynthesizer.synthesize` begins with `invokeAspects`, which records every construct
 * of the stack under its path in one object (the path computed and hashed for each) and copies the
 * inherited aspects at every construct: about 6% of a 250-zone synth. This is the same method,
 * step for step, with the same walk: pre-order, the inherited aspects before the construct's own,
 * each aspect visits a construct once, and the same warning when an aspect adds another; a
 * construct's path is unique in its tree, so the construct itself keys what visited it. Every
 * other step is cdktf's. HCL output (SYNTH_HCL_OUTPUT) is left to cdktf's own method.
 */
import * as fs from 'fs';
import * as path from 'path';
import { fastSynthDisabled, unexpectedShape } from './fast-constructs';
import { fastStableStringify, StableStringify } from './fast-stringify';

interface Construct {
  readonly node: {
    readonly path: string;
    readonly children: Construct[];
    readonly metadata: { type: string; data: unknown; trace?: unknown }[];
    findAll(order?: number): Construct[];
    addValidation(validation: unknown): void;
  };
}
interface Aspect {
  visit(construct: Construct): void;
}
interface Stack extends Construct {
  hasResourceMove(): boolean;
  runAllValidations(): void;
  toTerraform(): unknown;
}
interface Session {
  readonly outdir: string;
  readonly skipValidation?: boolean;
  readonly manifest: { forStack(stack: Stack): { workingDirectory: string; synthesizedStackPath: string; annotations: unknown } };
}
interface Synthesizer {
  readonly stack: Stack;
  readonly continueOnErrorAnnotations: boolean;
  readonly hclOutput: boolean;
  synthesize(session: Session): void;
}

interface Cdktf {
  readonly Aspects: { of(construct: Construct): { readonly all: Aspect[] } };
  readonly Annotations: { of(construct: Construct): { addWarning(message: string): void } };
  readonly AnnotationMetadataEntryType: { INFO: string; WARN: string; ERROR: string };
  readonly ConstructOrder: { POSTORDER: number };
  readonly ValidateTerraformVersion: new (version: string, message: string) => unknown;
  readonly encounteredAnnotationWithLevelError: (errors: string) => Error;
  readonly stringify: (value: unknown, options: { space: number }) => string;
}

/** cdktf's invokeAspects (lib/synthesize/synthesizer.js), keyed by construct instead of path. */
function invokeAspects(root: Construct, cdktf: Cdktf): void {
  let nestedAspectWarning = false;
  const recurse = (construct: Construct, inherited: readonly Aspect[]): void => {
    const aspects = cdktf.Aspects.of(construct);
    const own = aspects.all;
    const here = own.length ? [...inherited, ...own] : inherited;
    const count = own.length;
    const invoked: Aspect[] = [];
    for (const aspect of here) {
      if (invoked.includes(aspect)) continue;
      aspect.visit(construct);
      if (!nestedAspectWarning && count !== aspects.all.length) {
        cdktf.Annotations.of(construct).addWarning('We detected an Aspect was added via another Aspect, and will not be applied');
        nestedAspectWarning = true;
      }
      invoked.push(aspect);
    }
    for (const child of construct.node.children) recurse(child, here);
  };
  recurse(root, []);
}

const CUSTOM_SYNTHESIS = Symbol.for('cdktf/customSynthesis');

function synthesizeWith(cdktf: Cdktf): (this: Synthesizer, session: Session) => void {
  const annotationTypes = [cdktf.AnnotationMetadataEntryType.INFO, cdktf.AnnotationMetadataEntryType.WARN, cdktf.AnnotationMetadataEntryType.ERROR];
  const isError = (annotation: { level: string }) => annotation.level === cdktf.AnnotationMetadataEntryType.ERROR;
  return function synthesize(this: Synthesizer, session: Session): void {
    invokeAspects(this.stack, cdktf);
    if (this.stack.hasResourceMove()) {
      this.stack.node.addValidation(
        new cdktf.ValidateTerraformVersion(
          '>=1.5',
          `Resource move functionality is only supported for Terraform >=1.5. Please upgrade your Terraform version.`,
        ),
      );
    }
    if (!session.skipValidation) this.stack.runAllValidations();
    const stackManifest = session.manifest.forStack(this.stack);
    const workingDirectory = path.join(session.outdir, stackManifest.workingDirectory);
    if (!fs.existsSync(workingDirectory)) fs.mkdirSync(workingDirectory);
    // Custom synthesis of child nodes, leaves first.
    for (const node of this.stack.node.findAll(cdktf.ConstructOrder.POSTORDER))
      (node as unknown as Record<symbol, { onSynthesize(session: Session): void } | undefined>)[CUSTOM_SYNTHESIS]?.onSynthesize(session);
    const annotations = this.stack.node
      .findAll()
      .flatMap((node) =>
        node.node.metadata
          .filter((metadata) => annotationTypes.includes(metadata.type))
          .map((metadata) => ({ constructPath: node.node.path, level: metadata.type, message: metadata.data, stacktrace: metadata.trace })),
      );
    stackManifest.annotations = annotations;
    if (!this.continueOnErrorAnnotations && annotations.some(isError)) {
      throw cdktf.encounteredAnnotationWithLevelError(
        annotations
          .filter(isError)
          .map((a) => `[${a.constructPath}] ${String(a.message)}`)
          .join('\n'),
      );
    }
    const jsonTfConfig = this.stack.toTerraform();
    fs.writeFileSync(path.join(session.outdir, stackManifest.synthesizedStackPath), cdktf.stringify(jsonTfConfig, { space: 2 }));
  };
}

/**
 * What cdktf 0.21's `StackSynthesizer.synthesize` does, in order of appearance: the steps
 * synthesizeWith repeats. Matched on the source without whitespace, local names free (a bundler
 * renames them and drops parentheses and trailing commas).
 */
const SYNTHESIZE_STEPS = [
  /^synthesize\(session\)\{invokeAspects\w*\(this\.stack\);/,
  /if\(this\.stack\.hasResourceMove\(\)\)\{this\.stack\.node\.addValidation\(new\w+\.ValidateTerraformVersion\(">=1\.5",`ResourcemovefunctionalityisonlysupportedforTerraform>=1\.5\.PleaseupgradeyourTerraformversion\.`\)\);\}/,
  /if\(!session\.skipValidation\)\{this\.stack\.runAllValidations\(\);\}/,
  /=\w+\.forStack\(this\.stack\);/,
  /\w+\.join\(session\.outdir,stackManifest\.workingDirectory\);if\(!\w+\.existsSync\(workingDirectory\)\)\w+\.mkdirSync\(workingDirectory\);/,
  /this\.stack\.node\.findAll\(\w+\.ConstructOrder\.POSTORDER\)\.forEach\(\((\w+)\)=>getCustomSynthesis\w*\(\1\)\?\.onSynthesize\(session\)\);/,
  /\.findAll\(\)\.map\(\((\w+)\)=>\(\{node(:\1)?,metadatas:\1\.node\.metadata\.filter\(isAnnotationMetadata\w*\),?\}\)\)/,
  /constructPath:\w+\.node\.path,level:metadata\.type,message:metadata\.data,stacktrace:metadata\.trace,?\}/,
  /\.reduce\(\((\w+),metadatas\)=>\[\.\.\.\1,\.\.\.metadatas\],\[\]\);stackManifest\.annotations=annotations;/,
  /if\(!this\.continueOnErrorAnnotations&&annotations\.some\(isErrorAnnotation\w*\)\)\{throw\(0,\w+\.encounteredAnnotationWithLevelError\)\(annotations\.filter\(isErrorAnnotation\w*\)\.map\(\(a\)=>`\[\$\{a\.constructPath\}\]\$\{a\.message\}`\)\.join\("\\n"\)\);\}/,
  /if\(this\.hclOutput\)\{/,
  /constjsonTfConfig=this\.stack\.toTerraform\(\);\w+\.writeFileSync\(\w+\.join\(session\.outdir,stackManifest\.synthesizedStackPath\),(\(0,)?\w+\)?\(jsonTfConfig,\{space:2\}\)\);\}$/,
];

/** The steps of cdktf 0.21's `invokeAspects` that invokeAspects above repeats (matched as SYNTHESIZE_STEPS are). */
const INVOKE_ASPECTS_STEPS = [
  /constallAspectsHere=\[\.\.\.\(?inheritedAspects\?\?\[\]\)?,\.\.\.aspects\.all\];constnodeAspectsCount=aspects\.all\.length;/,
  /if\(invoked\.includes\(aspect\)\)\{continue;\}aspect\.visit\(construct\);/,
  /if\(!nestedAspectWarning&&nodeAspectsCount!==aspects\.all\.length\)\{\w+\.Annotations\.of\(construct\)\.addWarning\("WedetectedanAspectwasaddedviaanotherAspect,andwillnotbeapplied"\);nestedAspectWarning=true;\}invoked\.push\(aspect\);\}/,
  /for\(constchildofconstruct\.node\.children\)\{recurse\(child,allAspectsHere\);\}/,
];

/** Whether `fn`'s source, without comments and whitespace, shows every step (neither source has `//` in a string). */
const hasSteps = (fn: unknown, steps: readonly RegExp[]) => {
  const source = String(fn)
    .replace(/\/\/[^\n]*/g, '')
    .replace(/\s+/g, '');
  return steps.every((step) => step.test(source));
};

let installed = false;

/** Installs the faster `StackSynthesizer.synthesize` (idempotent, per thread). */
export function installFastSynthesizer(): void {
  if (installed || fastSynthDisabled()) return;
  installed = true;
  const synthesizer = require('cdktf/lib/synthesize/synthesizer') as {
    StackSynthesizer?: { prototype: Synthesizer };
    invokeAspects?: unknown;
  };
  const original = synthesizer.StackSynthesizer?.prototype.synthesize;
  if (typeof original !== 'function' || !hasSteps(original, SYNTHESIZE_STEPS)) unexpectedShape('cdktf StackSynthesizer.synthesize');
  if (typeof synthesizer.invokeAspects !== 'function' || !hasSteps(synthesizer.invokeAspects, INVOKE_ASPECTS_STEPS)) unexpectedShape('cdktf invokeAspects');
  const cdktf = require('cdktf') as Pick<Cdktf, 'Aspects' | 'Annotations' | 'AnnotationMetadataEntryType'>;
  const { ConstructOrder } = require('constructs') as Pick<Cdktf, 'ConstructOrder'>;
  const { ValidateTerraformVersion } = require('cdktf/lib/validations/validate-terraform-version') as Pick<Cdktf, 'ValidateTerraformVersion'>;
  const { encounteredAnnotationWithLevelError } = require('cdktf/lib/errors') as Pick<Cdktf, 'encounteredAnnotationWithLevelError'>;
  // cdktf's writer, json-stable-stringify, in the project's faster version of the same algorithm (fast-stringify.ts).
  const stableStringify = require(require.resolve('json-stable-stringify', { paths: [require.resolve('cdktf')] })) as StableStringify;
  const stringify = fastStableStringify(stableStringify) as Cdktf['stringify'];
  const fast = synthesizeWith({ ...cdktf, ConstructOrder, ValidateTerraformVersion, encounteredAnnotationWithLevelError, stringify });
  synthesizer.StackSynthesizer!.prototype.synthesize = function (this: Synthesizer, session: Session): void {
    return this.hclOutput ? original.call(this, session) : fast.call(this, session);
  };
}
