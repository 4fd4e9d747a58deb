/** Services shared by the Ingress rule tests. */
import { yaml } from './helpers.js';

export const services = yaml`
  apiVersion: v1
  kind: Service
  metadata: {name: web, namespace: shop}
  spec:
    selector: {app: web}
    ports: [{name: http, port: 80, targetPort: 8080}]
  ---
  apiVersion: v1
  kind: Service
  metadata: {name: api, namespace: shop}
  spec:
    selector: {app: api}
    ports: [{port: 8080}]
`;
