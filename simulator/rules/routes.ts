/**
 * `/rules`: the catalogue of finding codes served by the simulator, so a finding in the viewer (or a
 * report opened next to a running simulator) links to what its code means and where the rule comes
 * from. `GET /rules` is an HTML page with one anchor per entry (`/rules#rule-CDA-HDR-004`), or the JSON
 * of `kantasim rules --json` with `Accept: application/json`; `GET /rules/{code}` is one entry as JSON
 * (a family code such as `R4-INV-app-2` answers its family's entry).
 */
import { Router } from 'express';
import { CATALOGUE, ruleFor, ruleJson } from '../../common/rules/catalogue.ts';
import { escapeHtml, ruleHtml } from '../../common/rules/render.ts';
import { maskText } from '../domain/identity-guard.ts';

function page(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>kantasim finding codes</title>
<style>body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}section.rule{border-top:1px solid #ddd;padding:.4rem 0}.rule-meta{font-weight:normal;color:#555;font-size:.85em}dt{font-weight:600}dd{margin:0 0 .3rem 1rem}code{font-family:ui-monospace,monospace}</style>
</head><body><h1>Finding codes</h1><p>${escapeHtml(`${CATALOGUE.length} entries. Severity is the strict-mode severity; rehearsal mode reports blocking findings as warnings.`)}</p>
${CATALOGUE.map((entry) => ruleHtml(entry)).join('\n')}</body></html>`;
}

export function rulesRoutes(): Router {
  const router = Router();
  const html = page();
  router.get('/', (req, res) => {
    if (req.accepts(['html', 'json']) === 'json') res.json(CATALOGUE.map(ruleJson));
    else res.type('html').send(html);
  });
  router.get('/:code', (req, res) => {
    const entry = ruleFor(req.params.code);
    if (entry === undefined) {
      res.status(404).json({
        error: {
          code: 'not-found',
          message: maskText(`no finding code ${req.params.code} in the catalogue`),
          path: 'code',
        },
      });
      return;
    }
    res.json(ruleJson(entry));
  });
  return router;
}
