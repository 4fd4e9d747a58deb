#!/usr/bin/env node
var __kubeplanModuleUrl = require('node:url').pathToFileURL(__filename).href;
"use strict";
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// src/cli/launcher.ts
var import_node_module2 = __toESM(require("node:module"), 1);
var import_node_path2 = __toESM(require("node:path"), 1);
var import_node_url = require("node:url");

// src/cli/code-cache.ts
var import_node_fs = require("node:fs");
var import_node_module = require("node:module");
var import_node_path = __toESM(require("node:path"), 1);
var import_node_vm = __toESM(require("node:vm"), 1);
function cacheRoot(env) {
  if (env.NODE_DISABLE_COMPILE_CACHE) return void 0;
  if (env.KUBEPLAN_CACHE_DIR !== void 0) return env.KUBEPLAN_CACHE_DIR === "" ? void 0 : env.KUBEPLAN_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return import_node_path.default.join(env.XDG_CACHE_HOME, "kubeplan");
  if (env.HOME) return import_node_path.default.join(env.HOME, ".cache", "kubeplan");
  return void 0;
}
var BUILD_DIR = /^[0-9a-f]{16}-node[0-9.]+-[a-z0-9]+$/;
function openCodeCache(root, buildId) {
  if (root === void 0 || !/^[0-9a-f]{16}$/.test(buildId)) return void 0;
  const name = `${buildId}-node${process.versions.node}-${process.arch}`;
  const dir = import_node_path.default.join(import_node_path.default.resolve(root), name);
  try {
    let created = false;
    try {
      (0, import_node_fs.lstatSync)(dir);
    } catch {
      (0, import_node_fs.mkdirSync)(dir, { recursive: true, mode: 448 });
      created = true;
    }
    if (!ownedAndPrivate(import_node_path.default.dirname(dir)) || !ownedAndPrivate(dir)) return void 0;
    if (created) {
      for (const entry of (0, import_node_fs.readdirSync)(import_node_path.default.dirname(dir)))
        if (entry !== name && BUILD_DIR.test(entry))
          (0, import_node_fs.rmSync)(import_node_path.default.join(import_node_path.default.dirname(dir), entry), { recursive: true, force: true });
    }
  } catch {
    return void 0;
  }
  return createCache(dir);
}
function ownedAndPrivate(dir) {
  const stat = (0, import_node_fs.lstatSync)(dir);
  if (!stat.isDirectory()) return false;
  if (process.getuid !== void 0 && stat.uid !== process.getuid()) return false;
  return process.platform === "win32" || (stat.mode & 18) === 0;
}
var HEADER_BYTES = 16;
function header(file) {
  const stat = (0, import_node_fs.statSync)(file);
  const bytes = Buffer.alloc(HEADER_BYTES);
  bytes.writeDoubleLE(stat.size, 0);
  bytes.writeDoubleLE(stat.mtimeMs, 8);
  return bytes;
}
function readEntry(entry, expected) {
  let bytes;
  try {
    bytes = (0, import_node_fs.readFileSync)(entry);
  } catch {
    return void 0;
  }
  if (bytes.length <= HEADER_BYTES || !bytes.subarray(0, HEADER_BYTES).equals(expected)) return void 0;
  return bytes.subarray(HEADER_BYTES);
}
function flagsSuffix() {
  const flags = [...process.execArgv, process.env.NODE_OPTIONS ?? ""].join("\0");
  if (flags === "") return "";
  let hash = 2166136261;
  for (let i = 0; i < flags.length; i++) hash = Math.imul(hash ^ flags.charCodeAt(i), 16777619);
  return `-${(hash >>> 0).toString(16).padStart(8, "0")}`;
}
function createCache(dir) {
  const suffix = flagsSuffix();
  const entryFile = (key) => import_node_path.default.join(dir, `${key.replace(/[^A-Za-z0-9._-]/g, "_")}${suffix}.v8`);
  const pending = [];
  const loads = [];
  return {
    dir,
    loads,
    entryFile,
    load(file, key, ascii = false) {
      const entry = entryFile(key);
      const sourceHeader = header(file);
      const cachedData = readEntry(entry, sourceHeader);
      const source = (0, import_node_fs.readFileSync)(file, ascii ? "latin1" : "utf8");
      const script = new import_node_vm.default.Script(`(function (exports, require, module, __filename, __dirname) {${source}
})`, {
        filename: file,
        ...cachedData ? { cachedData } : {}
      });
      const result = cachedData === void 0 ? "miss" : script.cachedDataRejected === true ? "rejected" : "hit";
      loads.push({ key, result });
      if (result !== "hit") pending.push({ script, entry, header: sourceHeader });
      const module3 = { exports: {} };
      const wrapper = script.runInThisContext();
      wrapper.call(module3.exports, module3.exports, (0, import_node_module.createRequire)(file), module3, file, import_node_path.default.dirname(file));
      return module3.exports;
    },
    save() {
      for (const { script, entry, header: sourceHeader } of pending.splice(0)) {
        const temporary = `${entry}.${process.pid}.tmp`;
        try {
          (0, import_node_fs.writeFileSync)(temporary, Buffer.concat([sourceHeader, script.createCachedData()]), { mode: 384 });
          (0, import_node_fs.renameSync)(temporary, entry);
        } catch {
          (0, import_node_fs.rmSync)(temporary, { force: true });
        }
      }
    }
  };
}

// src/cli/launcher.ts
var COMMANDS = /* @__PURE__ */ new Set(["lint", "plan", "check", "lsp", "rules", "version", "help"]);
var here = import_node_path2.default.dirname((0, import_node_url.fileURLToPath)(__kubeplanModuleUrl));
var cliFile = import_node_path2.default.join(here, "kubeplan-cli.cjs");
var argv = process.argv.slice(2);
var enableCompileCache = import_node_module2.default.enableCompileCache;
var cache = enableCompileCache ? void 0 : openCodeCache(cacheRoot(process.env), "2a7acbcfd4aa8e5c");
var cli;
if (cache) {
  const command = COMMANDS.has(argv[0] ?? "") ? argv[0] : "other";
  cli = cache.load(cliFile, `cli-${command}`, true);
  cli.setChunkLoader((file) => cache.load(file, `chunk-${import_node_path2.default.basename(file)}`, true));
  process.once("exit", () => cache.save());
} else {
  enableCompileCache?.();
  cli = (0, import_node_module2.createRequire)(__kubeplanModuleUrl)(cliFile);
}
cli.start(argv).catch((error) => {
  process.stderr.write(`kubeplan: internal error: ${error instanceof Error ? error.message : String(error)}
`);
  process.exitCode = 3;
});
