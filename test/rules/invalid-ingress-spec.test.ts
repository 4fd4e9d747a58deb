/**
 * invalid-ingress-spec: ValidateIngressSpec, validateIngressRules, validateHTTPIngressPath, validateIngressBackend
 * and validateIngressTLS (kubernetes pkg/apis/networking/validation/validation.go).
 */
import { describe, expect, it } from 'vitest';
import rule from '../../rules/invalid-ingress-spec.js';
import { runRule } from './helpers.js';

const messages = (text: string) => runRule(rule, text).map((f) => f.message);
const brief = (text: string) => runRule(rule, text).map((f) => [f.line, f.column, f.message]);

const ingress = (spec: string, apiVersion = 'networking.k8s.io/v1') => `apiVersion: ${apiVersion}
kind: Ingress
metadata:
  name: shop
spec:
${spec}`;
const BACKEND = '{service: {name: web, port: {number: 80}}}';
const path = (p: string, type = 'Prefix', backend = BACKEND) =>
  ingress(
    `  rules:\n    - host: shop.example.com\n      http:\n        paths:\n          - {path: ${p}, pathType: ${type}, backend: ${backend}}\n`,
  );

describe('invalid-ingress-spec', () => {
  it('accepts valid paths for each pathType, hosts, TLS and backends', () => {
    for (const text of [
      path('/'),
      path('/api/v1/'),
      path('/exact', 'Exact'),
      path('""', 'ImplementationSpecific'),
      path('/.well-known/acme', 'ImplementationSpecific'),
      path('/api(/|$)(.*)', 'ImplementationSpecific'),
      path('/', 'Prefix', '{service: {name: web, port: {name: http}}}'),
      path('/', 'Prefix', '{resource: {apiGroup: k8s.example.com, kind: StorageBucket, name: static}}'),
      ingress(`  defaultBackend: ${BACKEND}\n`),
      ingress(
        `  ingressClassName: nginx\n  tls: [{hosts: ["*.example.com", shop.example.com], secretName: tls}]\n  rules:\n    - host: "*.example.com"\n      http: {paths: [{path: /, pathType: Prefix, backend: ${BACKEND}}]}\n    - http: {paths: [{path: /, pathType: Prefix, backend: ${BACKEND}}]}\n`,
      ),
    ])
      expect(brief(text)).toEqual([]);
  });

  it('requires rules or a defaultBackend', () => {
    expect(brief(ingress('  ingressClassName: nginx\n'))).toEqual([
      [5, 1, 'spec: Invalid value: []: either `defaultBackend` or `rules` must be specified (ValidateIngressSpec)'],
    ]);
  });

  it('rejects Exact and Prefix paths that are not absolute or clean', () => {
    expect(brief(path('api'))).toEqual([
      [
        10,
        20,
        'spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path (validateHTTPIngressPath)',
      ],
    ]);
    expect(messages(path('/a//b/./c/../%2Fd', 'Exact'))).toEqual([
      'spec.rules[0].http.paths[0].path: Invalid value: "/a//b/./c/../%2Fd": must not contain \'//\' (validateHTTPIngressPath)',
      'spec.rules[0].http.paths[0].path: Invalid value: "/a//b/./c/../%2Fd": must not contain \'/./\' (validateHTTPIngressPath)',
      'spec.rules[0].http.paths[0].path: Invalid value: "/a//b/./c/../%2Fd": must not contain \'/../\' (validateHTTPIngressPath)',
      'spec.rules[0].http.paths[0].path: Invalid value: "/a//b/./c/../%2Fd": must not contain \'%2F\' (validateHTTPIngressPath)',
    ]);
    expect(messages(path('/static/..'))).toEqual([
      'spec.rules[0].http.paths[0].path: Invalid value: "/static/..": cannot end with \'/..\' (validateHTTPIngressPath)',
    ]);
    expect(messages(path('""', 'Exact'))).toEqual([
      'spec.rules[0].http.paths[0].path: Invalid value: "": must be an absolute path (validateHTTPIngressPath)',
    ]);
    // A Prefix rule without a path is the empty path, which is not absolute.
    expect(messages(ingress(`  rules:\n    - http: {paths: [{pathType: Prefix, backend: ${BACKEND}}]}\n`))).toEqual([
      'spec.rules[0].http.paths[0].path: Invalid value: "": must be an absolute path (validateHTTPIngressPath)',
    ]);
  });

  it('rejects a relative ImplementationSpecific path', () => {
    expect(messages(path('api/*', 'ImplementationSpecific'))).toEqual([
      'spec.rules[0].http.paths[0].path: Invalid value: "api/*": must be an absolute path (validateHTTPIngressPath)',
    ]);
  });

  it('rejects IP, malformed and badly wildcarded hosts', () => {
    const host = (h: string) =>
      ingress(
        `  rules:\n    - host: "${h}"\n      http: {paths: [{path: /, pathType: Prefix, backend: ${BACKEND}}]}\n`,
      );
    expect(messages(host('10.0.0.1'))).toEqual([
      'spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address (validateIngressRules)',
    ]);
    expect(messages(host('shop.*.example.com'))).toEqual([
      "spec.rules[0].host: Invalid value: \"shop.*.example.com\": a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (validateIngressRules)",
    ]);
    expect(messages(host('Shop.example.com'))).toEqual([
      "spec.rules[0].host: Invalid value: \"Shop.example.com\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (validateIngressRules)",
    ]);
    expect(messages(ingress(`  defaultBackend: ${BACKEND}\n  tls: [{hosts: [Shop.example.com]}]\n`))).toEqual([
      "spec.tls[0].hosts[0]: Invalid value: \"Shop.example.com\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (validateIngressTLS)",
    ]);
  });

  it('rejects backends with both or neither service and resource, or both or neither port fields', () => {
    expect(
      messages(path('/', 'Prefix', '{service: {name: web, port: {number: 80}}, resource: {kind: Bucket, name: b}}')),
    ).toEqual([
      'spec.rules[0].http.paths[0].backend: Invalid value: "": cannot set both resource and service backends (validateIngressBackend)',
    ]);
    expect(messages(path('/', 'Prefix', '{}'))).toEqual([
      'spec.rules[0].http.paths[0].backend: Invalid value: "": resource or service backend is required (validateIngressBackend)',
    ]);
    expect(messages(path('/', 'Prefix', '{service: {name: web, port: {name: http, number: 80}}}'))).toEqual([
      'spec.rules[0].http.paths[0].backend: Invalid value: "": cannot set both port name & port number (validateIngressBackend)',
    ]);
    expect(messages(ingress('  defaultBackend: {service: {name: web}}\n'))).toEqual([
      'spec.defaultBackend: Required value: port name or number is required (validateIngressBackend)',
    ]);
    expect(messages(path('/', 'Prefix', '{service: {name: 1web, port: {number: 70000}}}'))).toEqual([
      'spec.rules[0].http.paths[0].backend.service.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or \'-\', start with an alphabetic character, and end with an alphanumeric character (validateIngressBackend)',
      'spec.rules[0].http.paths[0].backend.service.port.number: Invalid value: 70000: must be between 1 and 65535, inclusive (validateIngressBackend)',
    ]);
  });

  it('requires paths in an http rule', () => {
    expect(messages(ingress('  rules:\n    - host: a.example.com\n      http: {paths: []}\n'))).toEqual([
      'spec.rules[0].http.paths: Required value (validateHTTPIngressRuleValue)',
    ]);
  });

  it('leaves the removed beta Ingress versions to removed-api-version', () => {
    expect(messages(path('api').replace('networking.k8s.io/v1', 'networking.k8s.io/v1beta1'))).toEqual([]);
  });
});
