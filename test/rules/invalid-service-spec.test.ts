/**
 * invalid-service-spec: validateService, ValidateServiceClusterIPsRelatedFields, validateServiceExternalTrafficPolicy,
 * validateClientIPAffinityConfig and validateLoadBalancerClassField (kubernetes pkg/apis/core/validation/validation.go)
 * on the object after SetDefaults_Service (pkg/apis/core/v1/defaults.go: type ClusterIP, sessionAffinity None) and
 * the Service strategy's clusterIP → clusterIPs normalisation.
 */
import { describe, expect, it } from 'vitest';
import rule from '../../rules/invalid-service-spec.js';
import { runRule } from './helpers.js';

const messages = (text: string) => runRule(rule, text).map((f) => f.message);
const brief = (text: string) => runRule(rule, text).map((f) => [f.line, f.column, f.message]);

const service = (fields: string) => `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
${fields}`;
const PORT = '  ports: [{name: http, port: 80}]\n';

describe('invalid-service-spec', () => {
  it('accepts the usual Service shapes', () => {
    for (const fields of [
      `  selector: {app: web}\n${PORT}`,
      `  clusterIP: None\n  selector: {app: web}\n`, // headless: ports are optional
      `  type: NodePort\n${PORT.replace('80}', '80, nodePort: 30080}')}  externalTrafficPolicy: Local\n`,
      `  type: LoadBalancer\n${PORT}  externalTrafficPolicy: Local\n  healthCheckNodePort: 32000\n  loadBalancerSourceRanges: ["10.0.0.0/8", " 192.168.0.0/16 ", "2001:db8::/64"]\n  loadBalancerClass: example.com/lb\n  allocateLoadBalancerNodePorts: false\n`,
      `  type: ExternalName\n  externalName: db.example.com.\n`,
      `  clusterIP: 10.96.0.10\n  clusterIPs: [10.96.0.10, "fd00::10"]\n  ipFamilies: [IPv4, IPv6]\n  ipFamilyPolicy: RequireDualStack\n${PORT}`,
      `  externalIPs: [203.0.113.7]\n  externalTrafficPolicy: Cluster\n${PORT}`,
      `  sessionAffinity: ClientIP\n  sessionAffinityConfig: {clientIP: {timeoutSeconds: 86400}}\n${PORT}`,
      `  clusterIP: ""\n${PORT.replace('80}', '80, appProtocol: kubernetes.io/h2c}')}`,
    ])
      expect(brief(service(fields))).toEqual([]);
  });

  it('rejects ExternalName Services without a valid externalName or with cluster IP fields', () => {
    expect(messages(service('  type: ExternalName\n'))).toEqual([
      'spec.externalName: Required value (validateService)',
    ]);
    expect(
      messages(
        service(
          '  type: ExternalName\n  externalName: Db_Host\n  clusterIP: None\n  ipFamilies: [IPv4]\n  ipFamilyPolicy: SingleStack\n',
        ),
      ),
    ).toEqual([
      'spec.clusterIPs: Forbidden: may not be set for ExternalName services (validateService)',
      'spec.ipFamilies: Forbidden: may not be set for ExternalName services (validateService)',
      'spec.ipFamilyPolicy: Forbidden: may not be set for ExternalName services (validateService)',
      "spec.externalName: Invalid value: \"Db_Host\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (validateService)",
    ]);
  });

  it('rejects headless NodePort and LoadBalancer Services', () => {
    expect(brief(service(`  type: NodePort\n  clusterIP: None\n${PORT}`))).toEqual([
      [
        7,
        14,
        'spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for NodePort services (validateService)',
      ],
    ]);
    expect(messages(service(`  type: LoadBalancer\n  clusterIPs: [None]\n${PORT}`))).toEqual([
      'spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for LoadBalancer services (validateService)',
    ]);
  });

  it('rejects a nodePort on a ClusterIP Service (type defaulted or explicit) and duplicate node ports', () => {
    expect(brief(service('  ports: [{name: http, port: 80, nodePort: 30080}]\n'))).toEqual([
      [6, 34, "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP' (validateService)"],
    ]);
    expect(
      messages(
        service(
          '  type: NodePort\n  ports: [{name: a, port: 80, nodePort: 30080}, {name: b, port: 81, nodePort: 30080}]\n',
        ),
      ),
    ).toEqual(['spec.ports[1].nodePort: Duplicate value: 30080 (validateService)']);
    // Same node port, other protocol: allowed.
    expect(
      messages(
        service(
          '  type: NodePort\n  ports: [{name: a, port: 53, nodePort: 30053}, {name: b, port: 53, protocol: UDP, nodePort: 30053}]\n',
        ),
      ),
    ).toEqual([]);
  });

  it('requires ports unless headless or ExternalName', () => {
    expect(brief(service('  selector: {app: web}\n'))).toEqual([
      [5, 1, 'spec.ports: Required value (validateService)'],
    ]);
    expect(messages(service('  ports: []\n'))).toEqual(['spec.ports: Required value (validateService)']);
  });

  it('rejects LoadBalancer-only fields on other types', () => {
    expect(
      messages(
        service(
          `${PORT}  loadBalancerSourceRanges: [10.0.0.0/33]\n  allocateLoadBalancerNodePorts: true\n  loadBalancerClass: example.com/lb\n`,
        ),
      ),
    ).toEqual([
      "spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer' (validateService)",
      'spec.LoadBalancerSourceRanges[0]: Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64) (validateService)',
      "spec.allocateLoadBalancerNodePorts: Forbidden: may only be used when `type` is 'LoadBalancer' (validateService)",
      "spec.loadBalancerClass: Forbidden: may only be used when `type` is 'LoadBalancer' (validateLoadBalancerClassField)",
    ]);
  });

  it('rejects externalTrafficPolicy on a Service not reachable from outside, and a stray healthCheckNodePort', () => {
    expect(brief(service(`${PORT}  externalTrafficPolicy: Local\n`))).toEqual([
      [
        7,
        26,
        'spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services (validateServiceExternalTrafficPolicy)',
      ],
    ]);
    expect(messages(service(`  type: LoadBalancer\n${PORT}  healthCheckNodePort: 32000\n`))).toEqual([
      "spec.healthCheckNodePort: Invalid value: 32000: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local' (validateServiceExternalTrafficPolicy)",
    ]);
  });

  it('rejects session affinity config that does not match the affinity', () => {
    expect(messages(service(`${PORT}  sessionAffinityConfig: {clientIP: {timeoutSeconds: 60}}\n`))).toEqual([
      'spec.sessionAffinityConfig: Forbidden: must not be set when session affinity is None (validateService)',
    ]);
    expect(
      messages(
        service(`${PORT}  sessionAffinity: ClientIP\n  sessionAffinityConfig: {clientIP: {timeoutSeconds: 0}}\n`),
      ),
    ).toEqual([
      'spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must be greater than 0 and less than 86400 (validateClientIPAffinityConfig)',
    ]);
  });

  it('rejects malformed cluster IPs, external IPs, IP families and appProtocol', () => {
    expect(messages(service(`  clusterIP: 10.96.0.300\n${PORT}`))).toEqual([
      'spec.clusterIPs[0]: Invalid value: "10.96.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff) (ValidateServiceClusterIPsRelatedFields)',
    ]);
    expect(messages(service(`  clusterIP: 10.96.0.10\n  clusterIPs: [10.96.0.11]\n${PORT}`))).toEqual([
      'spec.clusterIPs: Invalid value: ["10.96.0.11"]: first value must match `clusterIP` (ValidateServiceClusterIPsRelatedFields)',
    ]);
    expect(messages(service(`  clusterIPs: [10.96.0.10, 10.96.0.11]\n  ipFamilies: [IPv4, IPv4]\n${PORT}`))).toEqual([
      'spec.ipFamilies[1]: Duplicate value: "IPv4" (ValidateServiceClusterIPsRelatedFields)',
      'spec.clusterIPs: Invalid value: ["10.96.0.10","10.96.0.11"]: may specify no more than one IP for each IP family (ValidateServiceClusterIPsRelatedFields)',
    ]);
    expect(messages(service(`  externalIPs: [127.0.0.1, 1.2.3, "::"]\n${PORT}`))).toEqual([
      'spec.externalIPs[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128) (validateService)',
      'spec.externalIPs[1]: Invalid value: "1.2.3": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff) (validateService)',
      'spec.externalIPs[2]: Invalid value: "::": may not be unspecified (::) (validateService)',
    ]);
    expect(messages(service('  ports: [{port: 80, appProtocol: "http 2"}]\n'))).toEqual([
      "spec.ports[0].appProtocol: Invalid value: \"http 2\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (validateServicePort)",
    ]);
  });
});
