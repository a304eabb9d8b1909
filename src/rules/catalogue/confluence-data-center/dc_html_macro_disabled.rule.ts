import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass, unknown } from '../../outcome.ts';
import { siteResource } from '../data-center/product.ts';

// CHECKS.md dc_html_macro_disabled. The HTML and HTML-include macros live in the bundled plugin
// `confluence.macros.html` (modules `html` and `html-include`), which ships enabled with both
// modules disabled. UPM shows each module's state on the plugin's page (GET /rest/plugins/1.0/
// {key}-key, `modules[].enabled`); `dc.plugins` records the plugin, and its modules when the
// collector keeps them. Read tolerantly: without the modules, an enabled plugin is unknown.

const PLUGIN_KEY = 'confluence.macros.html';
const MACRO_MODULES = new Set(['html', 'html-include']);

const withModules = z.object({
  modules: z.array(z.object({ key: z.string(), enabled: z.boolean() })),
});

export const rule = defineRule({
  id: 'dc_html_macro_disabled',
  title: 'Confluence’s HTML and HTML-include macros are disabled',
  area: 'confluence-data-center',
  severity: 'medium',
  scope: 'site',
  resourceType: 'app',
  requires: ['dc.plugins'],
  plan: 'any',
  credential: 'site-admin',
  description:
    'Reads the bundled "Confluence HTML Macros" plugin (`confluence.macros.html`) in `dc.plugins`. Passes when it ' +
    'is absent or disabled, or when its `html` and `html-include` modules are disabled; fails when either module ' +
    'is enabled. When the plugin is enabled but its modules were not recorded, the result is unknown.',
  risk:
    'The HTML macro runs any HTML and JavaScript a page editor writes in every reader’s browser: stored cross-site ' +
    'scripting by design, which turns one editor account into the sessions of every administrator who views the page.',
  remediation: {
    ui: [
      'In Confluence, open Administration (cog) → Manage apps, choose "System" in the filter and find "Confluence HTML Macros".',
      'Expand its modules and disable the "html" and "html-include" modules.',
    ],
    api: [
      'PUT /rest/plugins/1.0/confluence.macros.html-key/modules/html-key with {"enabled": false} (Content-Type application/vnd.atl.plugins.plugin.module+json); the same for html-include-key.',
    ],
  },
  references: [
    {
      title: 'HTML macro (available only once a system administrator enables it)',
      url: 'https://confluence.atlassian.com/plugins/viewsource/viewpagesrc.action?pageId=401441662',
    },
    {
      title: 'HTML Include macro (active scripting: a cross-site scripting risk)',
      url: 'https://confluence.atlassian.com/plugins/viewsource/viewpagesrc.action?pageId=336169322',
    },
    {
      title: 'Universal Plugin Manager REST API',
      url: 'https://developer.atlassian.com/platform/marketplace/upm-rest-api/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['4.8'],
    'nist-800-53-r5': ['CM-7'],
    'iso-27001-2022': ['A.8.9'],
    soc2: ['CC6.8'],
  },
  evaluate(ctx) {
    const plugin = ctx
      .items('dc.plugins')
      .find((a) => a.product === 'confluence-data-center' && a.key === PLUGIN_KEY);
    if (!plugin) {
      return [pass(siteResource(ctx.site), 'The Confluence HTML Macros plugin is not installed.')];
    }
    const resource = { id: plugin.key, name: `${plugin.name} (${plugin.key})` };
    if (!plugin.enabled)
      return [pass(resource, `${plugin.name} is disabled, and its macros with it.`, { enabled: false })];
    const parsed = withModules.safeParse(plugin);
    if (!parsed.success) {
      return [
        unknown(
          resource,
          `${plugin.name} is enabled; whether its html and html-include modules are was not recorded (see Manage apps → System).`,
          { enabled: true },
        ),
      ];
    }
    const enabled = parsed.data.modules
      .filter((m) => MACRO_MODULES.has(m.key) && m.enabled)
      .map((m) => m.key);
    const evidence = { enabled: true, enabledMacroModules: enabled };
    if (enabled.length > 0) {
      return [
        fail(
          resource,
          `The ${enabled.join(' and ')} macro modules are enabled: page editors can run scripts.`,
          evidence,
        ),
      ];
    }
    return [pass(resource, 'The html and html-include macro modules are disabled.', evidence)];
  },
});
