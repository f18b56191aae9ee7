// Demo SMART EHR-launch app. Every value from the EHR or a CDS service is shown with textContent
// only (no HTML parsing, no code evaluation, no navigation to received URLs), so a hostile
// appContext stays inert text.
'use strict';

const CLIENT_ID = 'hookbench-context-viewer';
const params = new URLSearchParams(window.location.search);
const redirectUri = window.location.origin + window.location.pathname;

function show(id, text) {
  document.getElementById(id).textContent = text;
}

function fail(message) {
  const status = document.getElementById('status');
  status.textContent = message;
  status.className = 'error';
}

function base64url(bytes) {
  let binary = '';
  bytes.forEach((b) => { binary += String.fromCharCode(b); });
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function startLaunch(iss, launch) {
  show('status', 'Discovering the authorization server...');
  const config = await (await fetch(iss + '/.well-known/smart-configuration')).json();
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = base64url(new Uint8Array(
    await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  sessionStorage.setItem('smart', JSON.stringify({ iss, state, verifier,
    tokenEndpoint: config.token_endpoint }));
  const authorize = new URL(config.authorization_endpoint);
  const query = { response_type: 'code', client_id: CLIENT_ID, redirect_uri: redirectUri,
    scope: 'launch openid fhirUser patient/*.read', state, aud: iss, launch,
    code_challenge: challenge, code_challenge_method: 'S256' };
  Object.entries(query).forEach(([k, v]) => authorize.searchParams.set(k, v));
  if (authorize.origin !== window.location.origin) {
    fail('The authorization server is not on this origin; refusing to leave it.');
    return;
  }
  window.location.assign(authorize.toString());
}

async function finishLaunch(code, state) {
  const saved = JSON.parse(sessionStorage.getItem('smart') || '{}');
  if (!saved.state || saved.state !== state) {
    fail('The state parameter does not match: launch again from the EHR.');
    return;
  }
  show('status', 'Exchanging the authorization code...');
  const body = new URLSearchParams({ grant_type: 'authorization_code', code,
    redirect_uri: redirectUri, client_id: CLIENT_ID, code_verifier: saved.verifier });
  const reply = await fetch(saved.tokenEndpoint, { method: 'POST', body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  const token = await reply.json();
  if (!reply.ok) {
    fail('Token request failed: ' + (token.error_description || token.error || reply.status));
    return;
  }
  document.getElementById('context').hidden = false;
  show('iss', saved.iss);
  show('patient', token.patient || '(none)');
  show('encounter', token.encounter || '(none)');
  show('scope', token.scope || '');
  show('token', 'received (' + String(token.access_token || '').length + ' characters, not shown)');
  if (typeof token.appContext === 'string') {
    let text = token.appContext;
    try { text = JSON.stringify(JSON.parse(text), null, 2); } catch (e) { /* not JSON: as is */ }
    show('app-context', text);
  }
  show('status', 'Launched by the EHR with this context:');
  if (token.patient) {
    const patient = await fetch(saved.iss + '/Patient/' + encodeURIComponent(token.patient),
      { headers: { Authorization: 'Bearer ' + token.access_token, Accept: 'application/fhir+json' } });
    const json = await patient.json();
    const name = (json.name && json.name[0]) || {};
    show('patient-name', patient.ok ? [].concat(name.given || [], name.family || []).join(' ')
                                   : 'HTTP ' + patient.status);
  }
}

async function main() {
  try {
    if (params.has('error')) {
      fail('Authorization failed: ' + params.get('error') + ' ' + (params.get('error_description') || ''));
    } else if (params.has('code')) {
      await finishLaunch(params.get('code'), params.get('state'));
    } else if (params.has('iss') && params.has('launch')) {
      await startLaunch(params.get('iss'), params.get('launch'));
    } else {
      fail('Open this app from a card link (EHR launch): it needs iss and launch parameters.');
    }
  } catch (e) {
    fail('Launch failed: ' + e);
  }
}

main();
