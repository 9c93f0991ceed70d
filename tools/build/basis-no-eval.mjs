// three's Basis Universal transcoder (KTX2 textures) is an Emscripten build whose embind glue
// compiles two kinds of helper with `new Function`, which a Content-Security-Policy without
// 'unsafe-eval' refuses. Emscripten's own DYNAMIC_EXECUTION=0 mode replaces both with closures
// that do the same work; this applies that replacement to the shipped file, so KTX2 textures work
// under our policy. Applied by tools/build/copy-decoders.mjs; a transcoder whose text no longer
// matches fails loudly (a three upgrade must be looked at), and the result is checked to contain
// no code generation at all.

/** The two generated functions, as they appear in three's basis_transcoder.js, and closures doing the same. */
export const REPLACEMENTS = [
  {
    name: 'craftInvokerFunction (calls from JavaScript into C++)',
    start:
      'function craftInvokerFunction(humanName,argTypes,classType,cppInvokerFunc,cppTargetFunc,isAsync){',
    end: 'var invokerFn=newFunc(Function,args)(...closureArgs);return createNamedFunction(humanName,invokerFn)}',
    with: `function craftInvokerFunction(humanName,argTypes,classType,cppInvokerFunc,cppTargetFunc,isAsync){
  /* portage: closure form of Emscripten's DYNAMIC_EXECUTION=0 (no code built from strings) */
  var argCount=argTypes.length;
  if(argCount<2){throwBindingError("argTypes array size mismatch! Must at least get return value and 'this' types!")}
  var isClassMethodFunc=argTypes[1]!==null&&classType!==null;
  var needsDestructorStack=usesDestructorStack(argTypes);
  var returns=argTypes[0].name!=="void";
  var expected=argCount-2;
  var invokerFn=function(...args){
    if(args.length!==expected){throwBindingError("function "+humanName+" called with "+args.length+" arguments, expected "+expected)}
    var destructors=needsDestructorStack?[]:null;
    var wired=[];
    var thisWired;
    if(isClassMethodFunc){thisWired=argTypes[1]["toWireType"](destructors,this);wired.push(thisWired)}
    var argsWired=[];
    for(var i=0;i<expected;++i){var w=argTypes[i+2]["toWireType"](destructors,args[i]);argsWired.push(w);wired.push(w)}
    var rv=cppInvokerFunc(cppTargetFunc,...wired);
    if(needsDestructorStack){runDestructors(destructors)}
    else{for(var i=isClassMethodFunc?1:2;i<argTypes.length;++i){var param=i===1?thisWired:argsWired[i-2];if(argTypes[i].destructorFunction!==null){argTypes[i].destructorFunction(param)}}}
    if(returns){return argTypes[0]["fromWireType"](rv)}
  };
  return createNamedFunction(humanName,invokerFn)}`,
  },
  {
    name: '__emval_get_method_caller (calls from C++ into JavaScript)',
    start: 'var __emval_get_method_caller=(argCount,argTypes,kind)=>{',
    end: 'return emval_addMethodCaller(createNamedFunction(functionName,invokerFunction))};',
    with: `var __emval_get_method_caller=(argCount,argTypes,kind)=>{
  /* portage: closure form of Emscripten's DYNAMIC_EXECUTION=0 (no code built from strings) */
  var types=emval_lookupTypes(argCount,argTypes);
  var retType=types.shift();
  argCount--;
  var invokerFunction=function(obj,func,destructorsRef,args){
    var argN=new Array(argCount);
    var offset=0;
    for(var i=0;i<argCount;++i){argN[i]=types[i].readValueFromPointer(args+offset);offset+=types[i]["argPackAdvance"]}
    /* as generated: kind 1 is "new func(args)", kind 0 "func.call(obj, args)", others "func.call(args)" */
    var rv=kind===1?Reflect.construct(func,argN):kind===0?func.apply(obj,argN):func.apply(argN[0],argN.slice(1));
    if(!retType.isVoid){return emval_returnValue(retType,destructorsRef,rv)}
  };
  var functionName=\`methodCaller<(\${types.map(t=>t.name).join(", ")}) => \${retType.name}>\`;
  return emval_addMethodCaller(createNamedFunction(functionName,invokerFunction))};`,
  },
]

/** Code generation from strings, in any form a build could use. */
export const CODE_GENERATION =
  /\bnew\s+Function\b|\bnewFunc\(\s*Function\b|\beval\s*\(|\bFunction\s*\(\s*["'`]|setTimeout\(\s*["'`]/

/** The transcoder's source with its code generation replaced; throws if it cannot be. */
export function patchBasisTranscoder(source) {
  let out = source
  for (const r of REPLACEMENTS) {
    const from = out.indexOf(r.start)
    const to = from < 0 ? -1 : out.indexOf(r.end, from)
    if (from < 0 || to < 0)
      throw new Error(
        `basis_transcoder.js: ${r.name} not found as expected; check tools/build/basis-no-eval.mjs`,
      )
    out = out.slice(0, from) + r.with + out.slice(to + r.end.length)
  }
  const left = CODE_GENERATION.exec(out)
  if (left)
    throw new Error(
      `basis_transcoder.js still generates code: …${out.slice(left.index - 40, left.index + 40)}…`,
    )
  return out
}
