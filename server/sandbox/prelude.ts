/**
 * Helpers that run INSIDE the sandbox, set up before the user's code: the console that
 * records lines, JSON in and out. They keep their own references to JSON.parse/stringify so
 * a user's code that replaces globals only changes its own results, and they use no array
 * methods a user could redefine. This is fixed source owned by Riposte (never user input),
 * evaluated by QuickJS, not by the host.
 */
export const MAX_LOG_LINE_CHARS = 2000;

export const PRELUDE_SOURCE = `(function () {
  'use strict';
  var stringify = JSON.stringify, parse = JSON.parse, toText = String;
  var MAX = ${MAX_LOG_LINE_CHARS};
  function show(v) {
    if (typeof v === 'string') return v;
    try {
      var s = typeof v === 'object' && v !== null ? stringify(v) : undefined;
      return s === undefined ? toText(v) : s;
    } catch (e) {
      return '[unprintable ' + typeof v + ']';
    }
  }
  return {
    parse: parse,
    installConsole: function (emit) {
      function level(name) {
        return function () {
          var line = '';
          for (var i = 0; i < arguments.length; i++) line += (i > 0 ? ' ' : '') + show(arguments[i]);
          if (line.length > MAX) line = line.slice(0, MAX) + '\\u2026';
          emit(name, line);
        };
      }
      globalThis.console = Object.freeze({ log: level('log'), info: level('info'), warn: level('warn'), error: level('error'), debug: level('log') });
    },
    serialise: function (value) {
      if (value === undefined) return { json: 'null' };
      var t = typeof value;
      if (t === 'function' || t === 'symbol' || t === 'bigint') return { invalid: 'main() returned a ' + t + ', which JSON cannot hold' };
      try {
        var json = stringify(value);
        return json === undefined ? { invalid: 'main() returned a value JSON cannot hold' } : { json: json };
      } catch (e) {
        return { invalid: 'main() returned a value JSON cannot hold: ' + toText(e && e.message) };
      }
    },
  };
})()`;
