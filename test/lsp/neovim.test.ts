/**
 * End to end with a real editor: headless Neovim starts `kubeplan lsp` with a minimal init.lua, opens a broken
 * manifest and waits for the diagnostics. Debian's `neovim` (0.7 on bookworm: vim.lsp.start_client, which every
 * later release still has); .ci/run installs it. Skipped, with a message, where Neovim is not installed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

function hasNeovim(): boolean {
  try {
    execFileSync('nvim', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const present = hasNeovim();
if (!present) console.warn('neovim is not installed: the end-to-end editor test is skipped (apt-get install neovim)');

const INIT = `
local out = os.getenv('KUBEPLAN_OUT')
local client = vim.lsp.start_client({
  name = 'kubeplan',
  cmd = { os.getenv('KUBEPLAN_NODE'), '--import', 'tsx', os.getenv('KUBEPLAN_BIN'), 'lsp' },
  cmd_cwd = os.getenv('KUBEPLAN_ROOT'),
  root_dir = os.getenv('KUBEPLAN_DIR'),
  workspace_folders = { { uri = vim.uri_from_fname(os.getenv('KUBEPLAN_DIR')), name = 'w' } },
})
vim.cmd('edit ' .. os.getenv('KUBEPLAN_FILE'))
vim.lsp.buf_attach_client(0, client)
vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local lines = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or '?'
  table.insert(lines, string.format('%d:%d %d %s', d.lnum, d.col, d.severity, code))
end
table.sort(lines)
local f = io.open(out, 'w')
f:write(table.concat(lines, '\\n'))
f:close()
vim.cmd('qa!')
`;

describe.runIf(present)('Neovim with kubeplan lsp', () => {
  it('shows the diagnostics of a broken manifest', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kubeplan-nvim-'));
    try {
      const file = path.join(dir, 'broken.yaml');
      writeFileSync(
        file,
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: "1"\n  a: "2"\n  enabled: yes\n',
      );
      writeFileSync(path.join(dir, 'init.lua'), INIT);
      const out = path.join(dir, 'out.txt');
      const result = spawnSync('nvim', ['--headless', '--clean', '-u', path.join(dir, 'init.lua')], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 60_000,
        env: {
          ...process.env,
          KUBEPLAN_OUT: out,
          KUBEPLAN_NODE: process.execPath,
          KUBEPLAN_BIN: path.join(root, 'src/cli/bin.ts'),
          KUBEPLAN_ROOT: root,
          KUBEPLAN_DIR: dir,
          KUBEPLAN_FILE: file,
        },
      });
      expect(result.error).toBeUndefined();
      // 0-based lines as Neovim stores them; severity 1 = error, 2 = warning.
      expect(readFileSync(out, 'utf8').split('\n')).toEqual([
        '6:2 1 yaml/duplicate-key',
        '7:11 1 schema/yaml11-scalar',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
