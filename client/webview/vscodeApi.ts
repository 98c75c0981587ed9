// The one handle a webview has on VS Code: posting messages to the extension.
interface VsCodeApi<T> {
  postMessage(message: T): void;
}

declare function acquireVsCodeApi<T>(): VsCodeApi<T>;

/** The webview's channel to the extension; acquireVsCodeApi may be called once per page. */
export function extensionChannel<T>(): VsCodeApi<T> {
  return acquireVsCodeApi<T>();
}

/** Calls `handler` for each message the extension posts. */
export function onExtensionMessage<T>(handler: (message: T) => void): void {
  window.addEventListener('message', (event: MessageEvent<T>) => handler(event.data));
}

/** Makes an element act like a button for mouse and keyboard. */
export function activate(element: Element, action: () => void): void {
  element.setAttribute('tabindex', '0');
  element.setAttribute('role', 'button');
  element.addEventListener('click', action);
  element.addEventListener('keydown', (event) => {
    const key = (event as KeyboardEvent).key;
    if (key === 'Enter' || key === ' ') {
      event.preventDefault();
      action();
    }
  });
}
