/* Pamong service worker */
'use strict';
const VERSION = 'v1';
const CACHE = 'pamong-' + VERSION;
const OFFLINE_URL = '/offline';
const PRECACHE = ['/static/app.css', '/static/app.js', '/static/icon.svg', '/manifest.webmanifest', OFFLINE_URL];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(PRECACHE)) // versioned URLs: the HTTP cache already holds what the page loaded
      .then(() => self.skipWaiting())
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('pamong-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

function cacheFirst(request) {
  return caches.match(request).then((hit) => hit || fetch(request).then((res) => {
    if (res && res.ok && res.type === 'basic') {
      const copy = res.clone();
      caches.open(CACHE).then((cache) => cache.put(request, copy));
    }
    return res;
  }));
}

function networkFirstPage(request) {
  // Pages are never stored (they hold personal data); only the pre-cached offline page is served.
  return fetch(request).catch(() =>
    caches.match(OFFLINE_URL).then((hit) => hit || new Response(
      '<!doctype html><meta charset="utf-8"><title>Offline</title><p>Tidak ada koneksi internet. Coba lagi nanti.</p>',
      { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } }
    ))
  );
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return; // never touch POST etc.
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/')) return; // never cache API responses

  if (url.pathname.startsWith('/static/') || url.pathname === '/manifest.webmanifest') {
    event.respondWith(cacheFirst(request));
  } else if (request.mode === 'navigate') {
    event.respondWith(networkFirstPage(request));
  }
});
