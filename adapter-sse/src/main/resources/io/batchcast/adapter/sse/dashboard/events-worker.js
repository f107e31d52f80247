// The browser's one connection for every dashboard tab (a SharedWorker): one EventSource on /api/v1/events carrying
// all the caller's strategies; each tab gets the frames of the strategy it shows. Tabs say {type: 'watch', strategy,
// token} when they start and {type: 'leave'} when they go (pagehide).
import { EventHub } from './event-hub.js';

const hub = new EventHub(null);

self.onconnect = (connection) => {
  const port = connection.ports[0];
  let dashboard = null;
  port.onmessage = (message) => {
    const request = message.data || {};
    if (request.type === 'watch') {
      if (dashboard) hub.leave(dashboard);
      dashboard = hub.watch(request.strategy, request.token, (update) => port.postMessage(update));
    } else if (request.type === 'leave' && dashboard) {
      hub.leave(dashboard);
      dashboard = null;
    }
  };
  port.start();
};
